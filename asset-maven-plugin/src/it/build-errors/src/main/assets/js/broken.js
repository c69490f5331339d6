export function total(items) {
  return items.reduce((a, b) => a + , 0);
}
