def log = new File(basedir, 'build.log').text
def second = log.substring(log.indexOf('BUILD SUCCESS'))
assert second =~ /crossgrade:check: shop against \S+shop-1\.0\.0\.jar/
assert second.contains("the baseline runs with this build's dependencies (a jar path names no dependencies)")
assert second.contains('crossgrade:check: 2 PASS, 0 FAIL')
assert second.contains('BUILD SUCCESS')
return true
