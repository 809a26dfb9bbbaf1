def log = new File(basedir, 'build.log').text
assert log.contains('crossgrade:check: shop against com.acme:shop:1.0.0')
assert log.contains('shop-1.1.0-SNAPSHOT cannot share a cache with com.acme:shop:1.0.0: 2 of 2 cells FAIL')
assert log.contains('FAIL com.acme.Cart, json, BACKWARD (new reads old): old shop-1.0.0.jar v1 -> new shop-1.1.0-SNAPSHOT')
assert log.contains('FAIL com.acme.Cart, json, FORWARD (old reads new): new shop-1.1.0-SNAPSHOT v1 -> old shop-1.0.0.jar')
assert log.contains('counterexample: Cart{id=null, quantity=0, items=null}')
assert log.contains('new shop-1.1.0-SNAPSHOT: $.quantity read back as "0" (java.lang.String), expected 0 (java.lang.Integer)')
assert log.contains('old shop-1.0.0.jar: $.quantity read back as 0, expected null')
assert !(log =~ /(?m)^\s+at \S+ \(/) // no stack trace

def reports = new File(basedir, 'target/crossgrade')
assert new File(reports, 'report.json').text.contains('"verdict" : "FAIL"')
assert new File(reports, 'report.html').text.contains('class="b FAIL"')
def suite = new groovy.xml.XmlSlurper().parse(new File(reports, 'TEST-crossgrade-check.xml'))
assert suite.@tests == '2'
assert suite.@failures == '2'
assert suite.testcase.find { it.@name.text().startsWith('json, BACKWARD') }.failure.text().contains('quantity')
return true
