// The second major version of each framework, installed under an alias for the compatibility tests.
declare module "express4" {
  import express from "express";
  export default express;
}
declare module "koa2" {
  import Koa from "koa";
  export default Koa;
}
