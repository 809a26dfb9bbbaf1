def log = new File(basedir, 'build.log').text
assert log.contains('crossgrade:check: shop against com.acme:shop:1.0.0')
assert log.contains('crossgrade:check: 2 PASS, 0 FAIL')
assert log.contains('defaulted (the writer has no such field): Cart.coupons')
assert log.contains('dropped (the reader has no such field): Cart.coupons')
assert log.contains('BUILD SUCCESS')
return true
