#!/usr/bin/env python3
"""Folio's own rules for rendered Kubernetes manifests (run by scripts/validate-deploy).

kubernetes-validate checks each object against the API schema; this checks what a schema cannot:
that every pod is locked down, probed and sized, that shutdown timings fit together, and that
the objects refer to each other correctly. Usage: deploy-policy.py RENDERED.yaml [--overlay]
(--overlay adds the checks that only apply to a deployable build, such as a pinned image).
Prints one line per problem and exits 1 if there is any; prints a one-line summary otherwise.
"""

import sys

import yaml


def main() -> int:
    path = sys.argv[1]
    overlay = "--overlay" in sys.argv[2:]
    with open(path, encoding="utf-8") as f:
        objects = [o for o in yaml.safe_load_all(f) if o]
    problems: list[str] = []

    def by_kind(kind):
        return [o for o in objects if o.get("kind") == kind]

    def name(o):
        return f'{o["kind"]}/{o["metadata"]["name"]}'

    config_maps = {o["metadata"]["name"]: o.get("data", {}) for o in by_kind("ConfigMap")}
    pvcs = {o["metadata"]["name"] for o in by_kind("PersistentVolumeClaim")}

    def check_pod(owner, pod, is_deployment):
        spec = pod["spec"]
        where = name(owner)
        psc = spec.get("securityContext", {})
        if psc.get("runAsNonRoot") is not True:
            problems.append(f"{where}: pod securityContext.runAsNonRoot must be true")
        if psc.get("seccompProfile", {}).get("type") != "RuntimeDefault":
            problems.append(f"{where}: pod seccompProfile must be RuntimeDefault")
        if spec.get("automountServiceAccountToken") is not False:
            problems.append(f"{where}: automountServiceAccountToken must be false")
        volumes = {v["name"]: v for v in spec.get("volumes", [])}
        for v in volumes.values():
            claim = v.get("persistentVolumeClaim", {}).get("claimName")
            if claim and claim not in pvcs:
                problems.append(f"{where}: volume {v['name']} names a missing claim {claim}")
        for c in spec.get("containers", []):
            cw = f"{where} container {c['name']}"
            sc = c.get("securityContext", {})
            if sc.get("readOnlyRootFilesystem") is not True:
                problems.append(f"{cw}: readOnlyRootFilesystem must be true")
            if sc.get("allowPrivilegeEscalation") is not False:
                problems.append(f"{cw}: allowPrivilegeEscalation must be false")
            if sc.get("capabilities", {}).get("drop") != ["ALL"]:
                problems.append(f"{cw}: capabilities.drop must be [ALL]")
            res = c.get("resources", {})
            for key in ("cpu", "memory"):
                if key not in res.get("requests", {}):
                    problems.append(f"{cw}: resources.requests.{key} missing")
            if "memory" not in res.get("limits", {}):
                problems.append(f"{cw}: resources.limits.memory missing")
            mounts = {m["mountPath"]: m["name"] for m in c.get("volumeMounts", [])}
            if "emptyDir" not in volumes.get(mounts.get("/tmp", ""), {}):
                problems.append(f"{cw}: /tmp must be a writable emptyDir (the root filesystem is read-only)")
            for m in c.get("volumeMounts", []):
                if m["name"] not in volumes:
                    problems.append(f"{cw}: mount {m['name']} has no volume")
            image = c.get("image", "")
            if overlay:
                last = image.rsplit("/", 1)[-1]
                if "@sha256:" not in image and (":" not in last or last.endswith(":latest")):
                    problems.append(f"{cw}: image {image!r} must name a tag (not latest) or a digest")
            # Effective settings: env overrides envFrom.
            env = {}
            for source in c.get("envFrom", []):
                ref = source.get("configMapRef", {}).get("name")
                if ref is not None:
                    if ref not in config_maps:
                        problems.append(f"{cw}: envFrom names a missing ConfigMap {ref}")
                    env.update(config_maps.get(ref, {}))
            env.update({e["name"]: e.get("value") for e in c.get("env", [])})
            if not is_deployment:
                continue
            for probe in ("livenessProbe", "readinessProbe"):
                if probe not in c:
                    problems.append(f"{cw}: {probe} missing")
            try:
                drain = int(env.get("FOLIO_DRAIN_SECONDS", "0"))
                grace = int(env.get("FOLIO_SHUTDOWN_GRACE_SECONDS", "25"))
            except ValueError:
                problems.append(f"{cw}: FOLIO_DRAIN_SECONDS / FOLIO_SHUTDOWN_GRACE_SECONDS must be whole numbers")
                continue
            period = spec.get("terminationGracePeriodSeconds", 30)
            if period <= drain + grace:
                problems.append(f"{cw}: terminationGracePeriodSeconds {period} must exceed drain {drain} + grace {grace}")
        if is_deployment and not spec.get("topologySpreadConstraints"):
            problems.append(f"{where}: topologySpreadConstraints missing")

    def matches(selector, labels):
        return all(labels.get(k) == v for k, v in selector.items())

    deployments = by_kind("Deployment")
    hpas = {o["spec"]["scaleTargetRef"]["name"]: o for o in by_kind("HorizontalPodAutoscaler")}
    pdbs = by_kind("PodDisruptionBudget")
    for d in deployments:
        check_pod(d, d["spec"]["template"], is_deployment=True)
        labels = d["spec"]["template"]["metadata"].get("labels", {})
        if not matches(d["spec"]["selector"]["matchLabels"], labels):
            problems.append(f"{name(d)}: selector does not match its pod labels")
        rolling = d["spec"].get("strategy", {}).get("rollingUpdate", {})
        if rolling.get("maxUnavailable") != 0:
            problems.append(f"{name(d)}: rollingUpdate.maxUnavailable must be 0")
        if not any(matches(p["spec"]["selector"]["matchLabels"], labels) for p in pdbs):
            problems.append(f"{name(d)}: no PodDisruptionBudget selects its pods")
        if d["metadata"]["name"] in hpas and "replicas" in d["spec"]:
            problems.append(f"{name(d)}: has an autoscaler, so it must not set replicas (each apply would reset it)")
    for job in by_kind("Job"):
        check_pod(job, job["spec"]["template"], is_deployment=False)
    for target in ("web", "renderer"):
        if target not in hpas:
            problems.append(f"HorizontalPodAutoscaler for {target} missing")

    # Services select pods of some Deployment; the Ingress routes only to existing Services and ports.
    services = {o["metadata"]["name"]: o for o in by_kind("Service")}
    for s in services.values():
        selector = s["spec"].get("selector", {})
        if not any(matches(selector, d["spec"]["template"]["metadata"].get("labels", {})) for d in deployments):
            problems.append(f"{name(s)}: selects no Deployment's pods")
    for ing in by_kind("Ingress"):
        for rule in ing["spec"].get("rules", []):
            for p in rule.get("http", {}).get("paths", []):
                backend = p["backend"]["service"]
                svc = services.get(backend["name"])
                ports = {port.get("name") for port in svc["spec"]["ports"]} if svc else set()
                if backend["port"].get("name") not in ports:
                    problems.append(f"{name(ing)}: {rule.get('host')}{p['path']} routes to a missing service port")
        if overlay:
            hosts = {r.get("host") for r in ing["spec"].get("rules", [])}
            tls_hosts = {h for t in ing["spec"].get("tls", []) for h in t.get("hosts", [])}
            if hosts != tls_hosts:
                problems.append(f"{name(ing)}: TLS hosts {sorted(tls_hosts)} differ from rule hosts {sorted(hosts)}")
            site = next((data for n, data in config_maps.items() if n.startswith("folio-config")), {})
            for key in ("FOLIO_SITE_URL", "FOLIO_UNTRUSTED_URL"):
                host = site.get(key, "").removeprefix("https://").rstrip("/")
                if host not in hosts:
                    problems.append(f"{name(ing)}: {key} host {host!r} is not among the Ingress hosts")

    # renderer and api must not be open to everyone.
    policies = by_kind("NetworkPolicy")
    for component in ("renderer", "api"):
        if not any(p["spec"]["podSelector"].get("matchLabels", {}).get("app.kubernetes.io/component") == component
                   for p in policies):
            problems.append(f"NetworkPolicy for {component} missing")
    if not any(p["spec"]["podSelector"] == {} and "ingress" not in p["spec"] for p in policies):
        problems.append("default-deny ingress NetworkPolicy missing")

    for p in problems:
        print(f"  policy: {p}")
    if problems:
        return 1

    def count(d):
        h = hpas.get(d["metadata"]["name"])
        if h:
            return f'{d["metadata"]["name"]} {h["spec"].get("minReplicas", 1)}-{h["spec"]["maxReplicas"]} (HPA)'
        return f'{d["metadata"]["name"]} {d["spec"].get("replicas", 1)}'

    print(", ".join(count(d) for d in sorted(deployments, key=lambda d: d["metadata"]["name"])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
