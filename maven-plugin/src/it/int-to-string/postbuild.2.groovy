def log = new File(basedir, 'build.log').text
def second = log.substring(log.lastIndexOf('crossgrade:check: shop against com.acme:shop:1.0.0'))
assert second.contains('crossgrade:check: 2 PASS, 0 FAIL')
assert second.contains('BUILD SUCCESS')
def suite = new groovy.xml.XmlSlurper().parse(new File(basedir, 'target/crossgrade/TEST-crossgrade-check.xml'))
assert suite.@tests == '2'
assert suite.@failures == '0'
return true
