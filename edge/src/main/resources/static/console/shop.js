// The shop: catalog with prices and stock, a cart kept in this browser, and checkout.
// A checkout carries an Idempotency-Key made once for it: a double click, or a retry after
// a lost answer, places one order. The key is forgotten when the order is placed or the
// cart changes (a different cart is a different checkout).
import { api, el, header, money, problemText, say } from "/console/console.js";

const CART = "eventshop.cart";
const products = new Map();
let cart = load();
let placing = false;

function load() {
  try {
    const saved = JSON.parse(localStorage.getItem(CART));
    if (saved && typeof saved.lines === "object") {
      return saved;
    }
  } catch {
    // nothing saved, or not ours
  }
  return { lines: {}, key: null };
}

function save() {
  localStorage.setItem(CART, JSON.stringify(cart));
}

function change(sku, quantity) {
  if (quantity > 0) {
    cart.lines[sku] = quantity;
  } else {
    delete cart.lines[sku];
  }
  cart.key = null;
  save();
  renderCart();
}

function renderCatalog(stock) {
  const list = document.getElementById("products");
  list.replaceChildren();
  for (const product of products.values()) {
    const level = stock.get(product.sku);
    const available = level ? level.available : null;
    const quantityId = `quantity-${product.sku}`;
    const quantity = el("input", { id: quantityId, type: "number", min: 1, max: 99, value: 1, inputmode: "numeric" });
    const add = el("button", { type: "button", "aria-label": `Add ${product.name} to cart` }, "Add to cart");
    add.addEventListener("click", () => {
      const wanted = Math.max(1, Math.min(99, Number(quantity.value) || 1));
      change(product.sku, (cart.lines[product.sku] ?? 0) + wanted);
    });
    list.append(el("li", { class: "product", "data-sku": product.sku },
      el("span", { class: "name" }, product.name),
      el("span", { class: "muted" }, el("code", {}, product.sku)),
      el("span", { class: "price" }, money(product.unitPrice, product.currency)),
      el("span", { class: available === 0 ? "bad" : "muted" },
        available === null ? "stock unknown" : `${available} in stock`),
      el("div", { class: "row" }, el("div", {}, el("label", { for: quantityId }, "Quantity"), quantity), add)));
  }
  list.setAttribute("aria-busy", "false");
}

function renderCart() {
  const lines = document.getElementById("cart-lines");
  lines.replaceChildren();
  let total = 0;
  let currency = "EUR";
  for (const [sku, quantity] of Object.entries(cart.lines)) {
    const product = products.get(sku);
    const name = product ? product.name : sku;
    if (product) {
      total += Number(product.unitPrice) * quantity;
      currency = product.currency;
    }
    const remove = el("button", { type: "button", class: "secondary", "aria-label": `Remove ${name} from cart` },
      "Remove");
    remove.addEventListener("click", () => change(sku, 0));
    lines.append(el("li", { "data-sku": sku }, el("span", {}, `${quantity} × ${name}`), remove));
  }
  const empty = Object.keys(cart.lines).length === 0;
  if (empty) {
    lines.append(el("li", { class: "muted" }, "The cart is empty."));
  }
  document.getElementById("cart-total").textContent = empty ? "" : `Total: ${money(total.toFixed(2), currency)}`;
  document.getElementById("checkout").disabled = empty || placing;
}

async function checkout(event) {
  event.preventDefault();
  if (placing || Object.keys(cart.lines).length === 0) {
    return;
  }
  placing = true;
  const button = document.getElementById("checkout");
  button.disabled = true;
  const placed = document.getElementById("placed");
  placed.textContent = "Placing the order…";
  if (!cart.key) {
    cart.key = crypto.randomUUID();
    save();
  }
  const form = new FormData(document.getElementById("checkout-form"));
  const order = {
    lines: Object.entries(cart.lines).map(([sku, quantity]) => ({ sku, quantity })),
    shippingAddress: {
      line1: form.get("line1"), city: form.get("city"), postalCode: form.get("postalCode"),
      country: String(form.get("country")).toUpperCase(),
    },
  };
  try {
    const answer = await api("/api/orders", { method: "POST", body: order, headers: { "Idempotency-Key": cart.key } });
    if (answer.ok) {
      cart = { lines: {}, key: null };
      save();
      const id = answer.body.id;
      placed.replaceChildren("Order placed: ",
        el("a", { href: `/console/journey.html?order=${id}`, id: "placed-link" }, `watch order ${id.substring(0, 8)} travel`));
    } else {
      // the key stays: trying again with the same cart is the same checkout
      placed.textContent = problemText(answer);
    }
  } catch (failure) {
    placed.textContent = `The order could not be sent (${failure.message}); try again, it will not be placed twice.`;
  } finally {
    placing = false;
    renderCart();
  }
}

async function start() {
  header("/console/index.html");
  document.getElementById("checkout-form").addEventListener("submit", checkout);
  const [catalog, levels] = await Promise.all([api("/api/products"), api("/api/stock")]);
  if (!catalog.ok) {
    say(document.getElementById("message"), problemText(catalog), "bad");
    return;
  }
  const items = Array.isArray(catalog.body) ? catalog.body : catalog.body.content ?? [];
  for (const product of items) {
    products.set(product.sku, product);
  }
  const stock = new Map((levels.ok ? levels.body : []).map((level) => [level.sku, level]));
  renderCatalog(stock);
  renderCart();
}

start();
