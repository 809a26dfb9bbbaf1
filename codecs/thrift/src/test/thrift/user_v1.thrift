// Version 1 of the sample User struct. Version 2 (user_v2.thrift) adds fields, removes one and
// renames one while keeping its field id; the evolution tests read each version's payloads with
// the other. Generated Java is committed: run ../../../regenerate.sh after editing this file.

namespace java dev.crossgrade.codec.thrift.sample.v1

/** A user as version 1 of a service writes it. */
struct User {
  1: required i64 id
  /** Renamed to displayName in version 2; keeps field id 2. */
  2: required string name
  /** Removed in version 2; id 3 must never be reused. */
  3: optional string email
  4: optional i32 loginCount
}
