// The change is reverted: the cart's quantity is an int again, as in the release.
def cart = new File(basedir, 'src/main/java/com/acme/Cart.java')
cart.text = cart.text.replace('String quantity', 'int quantity')
return true
