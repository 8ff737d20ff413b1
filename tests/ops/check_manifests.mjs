// Checks deploy/kubernetes/*.yaml against the Kubernetes API schemas (npm kubernetes-models):
// every document must be a known kind whose object validates, and the Deployment must probe
// gRPC health on the gRPC port. Usage: node check_manifests.mjs NODE_MODULES_DIR MANIFEST_DIR
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const [modules, dir] = process.argv.slice(2);
const require = createRequire(path.join(modules, "noop.js"));
const YAML = require("yaml");
const load = (spec) => import(pathToFileURL(path.join(modules, "kubernetes-models", spec, "index.js")).href);

// apiVersion -> folder of kubernetes-models
const folder = (apiVersion) => (apiVersion.includes("/") ? apiVersion : `v1`).replace(/^v1$/, "v1");
let failures = 0;
let checked = 0;
for (const file of fs.readdirSync(dir).filter((f) => f.endsWith(".yaml")).sort()) {
  const docs = YAML.parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8"));
  for (const doc of docs) {
    if (doc.errors.length) {
      console.error(`${file}: YAML: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const obj = doc.toJSON();
    if (obj == null) continue;
    if (obj.kind === "Kustomization") continue;  // kustomize's own file, not an API object
    let models;
    try {
      models = await load(folder(obj.apiVersion));
    } catch (e) {
      console.error(`${file}: unknown apiVersion ${obj.apiVersion}`);
      failures++;
      continue;
    }
    const Model = models[obj.kind];
    if (!Model) {
      console.error(`${file}: unknown kind ${obj.kind} in ${obj.apiVersion}`);
      failures++;
      continue;
    }
    try {
      new Model(obj).validate();
      checked++;
    } catch (e) {
      console.error(`${file}: ${obj.kind} ${obj.metadata?.name}: ${e.message}`);
      failures++;
    }
    if (obj.kind === "Deployment") {
      const c = obj.spec.template.spec.containers[0];
      for (const probe of ["readinessProbe", "livenessProbe"]) {
        if (c[probe]?.grpc?.port !== 50051) {
          console.error(`${file}: ${probe} must use gRPC health on port 50051`);
          failures++;
        }
      }
    }
  }
}
console.log(`${checked} objects valid, ${failures} problems`);
process.exit(failures === 0 && checked > 0 ? 0 : 1);
