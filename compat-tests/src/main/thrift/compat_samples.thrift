// Sample Thrift types of the compatibility matrix. Account is version 1 of a cached type; each
// Account* struct is a version 2 with one change. Sample holds one field of each kind the
// cross-JDK cells exercise. Generated Java is committed: run ../../../regenerate-thrift.sh after
// editing this file.

namespace java dev.crossgrade.compat.thrift

/** One field of each kind, for the cross-JDK cells. */
struct Sample {
  1: string text
  2: i64 number
  3: double real
  4: binary blob
  5: list<string> words
  6: map<string, i64> counts
  7: bool flag
  8: i32 small
}

/** Version 1 of the sample cached type. */
struct Account {
  1: i64 id
  2: string name
  3: i32 visits
  4: string nickname
  5: string note
}

/** Version 2: adds tags (id 6). */
struct AccountAdded {
  1: i64 id
  2: string name
  3: i32 visits
  4: string nickname
  5: string note
  6: list<string> tags
}

/** Version 2: removes note (id 5 is never reused). */
struct AccountRemoved {
  1: i64 id
  2: string name
  3: i32 visits
  4: string nickname
}

/** Version 2: renames nickname to displayName, keeping id 4. */
struct AccountRenamed {
  1: i64 id
  2: string name
  3: i32 visits
  4: string displayName
  5: string note
}

/** Version 2: widens visits from i32 to i64 under the same id. */
struct AccountWidened {
  1: i64 id
  2: string name
  3: i64 visits
  4: string nickname
  5: string note
}
