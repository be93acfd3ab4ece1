// The worksheet's "Print this worksheet" button. It stays hidden unless this script runs (it
// would do nothing without it); a click opens the browser's print dialog.
const button = document.getElementById("print-worksheet");
if (button) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
