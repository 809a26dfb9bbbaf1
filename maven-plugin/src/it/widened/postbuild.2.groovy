def log = new File(basedir, 'build.log').text
def second = log.substring(log.indexOf('BUILD SUCCESS'))
assert second.contains('1 of 2 cells FAIL')
assert second.contains('FAIL com.acme.Cart, json, FORWARD (old reads new): new shop-1.1.0-SNAPSHOT v1 -> old shop-1.0.0.jar')
assert second.contains('counterexample: Cart{id=null, quantity=2147483648L, items=null}')
assert second.contains('Numeric value (2147483648) out of range of int (-2147483648 - 2147483647) at $.quantity')
return true
