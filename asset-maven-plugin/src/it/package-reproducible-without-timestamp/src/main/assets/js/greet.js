export function greet(element) {
  element.dataset.greeted = 'yes';
}
