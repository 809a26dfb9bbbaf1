// Version 2 of the sample User struct (see user_v1.thrift): `name` is renamed `displayName` and
// keeps field id 2, `email` (id 3) is removed, `roles` and `locale` are added. Generated Java is
// committed: run ../../../regenerate.sh after editing this file.

namespace java dev.crossgrade.codec.thrift.sample.v2

/** A user as version 2 of a service writes it. */
struct User {
  1: required i64 id
  /** Called name in version 1; same field id, so version 1 payloads fill it. */
  2: required string displayName
  // 3: email was removed; the id stays retired.
  4: optional i32 loginCount
  /** Added in version 2: unset when version 1 wrote the payload. */
  5: optional list<string> roles
  /** Added in version 2 with a default, which a version 1 payload leaves in place. */
  6: optional string locale = "en"
}
