// The incident page shows the same skeleton as the list while it loads.
export { default } from "../loading";
