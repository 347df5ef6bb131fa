#!/usr/bin/env bash
# Lints and renders the Helm chart helm/hypersweep and checks the rendered RBAC and
# Deployment for three value sets:
#   default          watchNamespaces: []            -> Role+RoleBinding in the release namespace
#   two-namespaces   watchNamespaces: [team-a, team-b] -> Role+RoleBinding in team-a and team-b
#   cluster-wide     clusterWide: true              -> ClusterRole+ClusterRoleBinding
# plus least-privilege checks (no wildcards, Secrets only by name or create in the
# release namespace), that probes, Service and scrape annotations use the management
# port (9000, /q/metrics), that an optional ServiceMonitor renders only when enabled,
# and that bad values are rejected.
#
# Usage, from the repository root: bash .ci/helm-check.sh
# Exits non-zero with a message on the first failing step; the render checks report
# every failure before exiting.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "${REPO_ROOT}"

CHART="${HELM_CHECK_CHART:-helm/hypersweep}"  # override only to test this script itself
RELEASE="hs"
RELEASE_NS="hypersweep-system"
HELM="${REPO_ROOT}/.ci/tools/helm"

PASSED=0
FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "PASS: $*"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL: $*" >&2; }
die() { echo "helm-check: ERROR: $*" >&2; exit 1; }

echo "== install helm"
bash "${REPO_ROOT}/.ci/install-helm.sh"

# The render checks are a python3 script that needs PyYAML: use the first python3
# that has it (the pyenv one, or Debian's /usr/bin/python3 with python3-yaml).
PY=""
for candidate in python3 /usr/bin/python3; do
  if command -v "${candidate}" >/dev/null 2>&1 && "${candidate}" -c 'import yaml' 2>/dev/null; then
    PY="${candidate}"
    break
  fi
done
[[ -n "${PY}" ]] || die "no python3 with PyYAML found (apt-get install -y python3-yaml)"

[[ -f "${CHART}/crds/hyperparametersweeps.hypersweep.io-v1.yml" ]] \
  || die "${CHART}/crds/hyperparametersweeps.hypersweep.io-v1.yml is missing"
if [[ -f crds/hyperparametersweeps.hypersweep.io-v1.yml ]]; then
  if cmp -s crds/hyperparametersweeps.hypersweep.io-v1.yml "${CHART}/crds/hyperparametersweeps.hypersweep.io-v1.yml"; then
    pass "chart CRD is identical to crds/hyperparametersweeps.hypersweep.io-v1.yml"
  else
    fail "chart CRD differs from crds/hyperparametersweeps.hypersweep.io-v1.yml (run the Maven build to copy it)"
  fi
fi

WORK="$(mktemp -d)"
trap 'rm -rf "${WORK}"' EXIT

# Value sets, as files so lint and template see exactly the same values.
printf '{}\n' > "${WORK}/default.yaml"
printf 'watchNamespaces:\n  - team-a\n  - team-b\n' > "${WORK}/two-namespaces.yaml"
printf 'clusterWide: true\n' > "${WORK}/cluster-wide.yaml"
SCENARIOS=(default two-namespaces cluster-wide)

echo "== helm lint"
if "${HELM}" lint "${CHART}"; then pass "helm lint ${CHART}"; else fail "helm lint ${CHART}"; fi
for s in "${SCENARIOS[@]}"; do
  if "${HELM}" lint --strict "${CHART}" -f "${WORK}/${s}.yaml" --namespace "${RELEASE_NS}" >"${WORK}/lint-${s}.log" 2>&1; then
    pass "helm lint --strict (${s} values)"
  else
    cat "${WORK}/lint-${s}.log" >&2
    fail "helm lint --strict (${s} values)"
  fi
done

echo "== helm template"
for s in "${SCENARIOS[@]}"; do
  if "${HELM}" template "${RELEASE}" "${CHART}" --namespace "${RELEASE_NS}" \
      -f "${WORK}/${s}.yaml" >"${WORK}/${s}.out.yaml" 2>"${WORK}/${s}.err"; then
    pass "helm template (${s} values)"
  else
    cat "${WORK}/${s}.err" >&2
    fail "helm template (${s} values)"
  fi
done
[[ ${FAILED} -eq 0 ]] || die "${FAILED} lint/render step(s) failed; not checking the renders"

echo "== bad values are rejected"
expect_reject() { # description, expected message fragment, helm template args...
  local what="$1" want="$2"; shift 2
  if "${HELM}" template "${RELEASE}" "${CHART}" --namespace "${RELEASE_NS}" "$@" >/dev/null 2>"${WORK}/reject.err"; then
    fail "${what}: helm template accepted it"
  elif grep -q -- "${want}" "${WORK}/reject.err"; then
    pass "${what}: rejected"
  else
    cat "${WORK}/reject.err" >&2
    fail "${what}: rejected, but without the expected message '${want}'"
  fi
}
expect_reject "misspelt top-level key (clusterwide)" "Additional property clusterwide" --set clusterwide=true
expect_reject "misspelt nested key (image.pullpolicy)" "Additional property pullpolicy" --set image.pullpolicy=Always
expect_reject "logLevel outside the enum" "logLevel must be one of" --set logLevel=verbose
expect_reject "clusterWide not a boolean" "clusterWide: Invalid type" --set clusterWide=yes
expect_reject "namespace not a DNS label" "watchNamespaces.0" --set 'watchNamespaces={Team_A}'
expect_reject "clusterWide together with watchNamespaces" "either clusterWide" --set clusterWide=true --set 'watchNamespaces={team-a}'
expect_reject "misspelt metrics key (metrics.servicemonitor)" "Additional property servicemonitor" --set metrics.servicemonitor.enabled=true

echo "== rendered RBAC and Deployment"
cat >"${WORK}/check.py" <<'PY'
"""Checks one `helm template` render of the hypersweep chart."""
import sys
import yaml

scenario, path, release, release_ns, expected_env, mode = sys.argv[1:7]
# mode: "roles:<ns>,<ns>" (namespaced) or "cluster"
docs = [d for d in yaml.safe_load_all(open(path)) if d]
failures = []
passes = []


def check(cond, msg, ok=None):
    """Records one check. msg is reported on failure; on success ok (default msg) is
    reported, once: checks repeated per rule share one ok line."""
    if not cond:
        failures.append(msg)
    elif (ok or msg) not in passes:
        passes.append(ok or msg)


def kind(k):
    return [d for d in docs if d.get("kind") == k]


def ns(d):
    return d["metadata"].get("namespace")


TOKEN_SECRET = f"{release}-metrics-token"
# What the operator's Role/ClusterRole must grant: exactly this, nothing more.
EXPECTED_OPERATOR_GRANTS = {
    ("hypersweep.io", "hyperparametersweeps"): {"get", "list", "watch", "patch", "update"},
    ("hypersweep.io", "hyperparametersweeps/status"): {"patch", "update"},
    ("hypersweep.io", "hyperparametersweeps/finalizers"): {"update"},
    ("batch", "jobs"): {"create", "get", "list", "watch", "delete"},
    ("", "pods"): {"get", "list", "watch"},
    ("", "pods/log"): {"get"},
    ("", "configmaps"): {"create", "get", "list", "watch"},
    ("", "events"): {"create", "patch"},
    ("events.k8s.io", "events"): {"create", "patch"},
}


def grants(role):
    out = {}
    for rule in role.get("rules") or []:
        for g in rule.get("apiGroups") or []:
            for r in rule.get("resources") or []:
                out.setdefault((g, r), set()).update(rule.get("verbs") or [])
    return out


def diff(granted):
    extra = {k: sorted(v - EXPECTED_OPERATOR_GRANTS.get(k, set())) for k, v in granted.items()}
    missing = {k: sorted(v - granted.get(k, set())) for k, v in EXPECTED_OPERATOR_GRANTS.items()}
    return (f"extra {({k: v for k, v in extra.items() if v})}, "
            f"missing {({k: v for k, v in missing.items() if v})}")


def is_operator_role(role):
    return any(r == "hyperparametersweeps" for (_, r) in grants(role))


roles = kind("Role")
role_bindings = kind("RoleBinding")
cluster_roles = kind("ClusterRole")
cluster_role_bindings = kind("ClusterRoleBinding")
deployments = kind("Deployment")
service_accounts = kind("ServiceAccount")

# --- Deployment and its ServiceAccount
check(len(deployments) == 1, f"exactly one Deployment (found {len(deployments)})")
sa_name = None
if deployments:
    dep = deployments[0]
    check(dep["spec"].get("replicas") == 1, "Deployment has 1 replica")
    pod = dep["spec"]["template"]["spec"]
    sa_name = pod.get("serviceAccountName")
    containers = pod.get("containers") or []
    env = {e["name"]: e.get("value") for c in containers for e in (c.get("env") or [])}
    var = "QUARKUS_OPERATOR_SDK_CONTROLLERS_HYPERPARAMETERSWEEPRECONCILER_NAMESPACES"
    check(env.get(var) == expected_env,
          f"Deployment sets {var}={expected_env!r} (found {env.get(var)!r})")
    for c in containers:
        sc = c.get("securityContext") or {}
        check(sc.get("readOnlyRootFilesystem") is True and sc.get("runAsNonRoot") is True
              and sc.get("allowPrivilegeEscalation") is False
              and (sc.get("capabilities") or {}).get("drop") == ["ALL"],
              f"container {c['name']} is non-root, read-only, drops ALL capabilities")
        seccomp = ((sc.get("seccompProfile") or (pod.get("securityContext") or {}).get("seccompProfile"))
                   or {}).get("type")
        check(seccomp == "RuntimeDefault", f"container {c['name']} runs with seccomp RuntimeDefault (found {seccomp!r})")
        res = c.get("resources") or {}
        check(all((res.get(k) or {}).get(r) for k in ("requests", "limits") for r in ("cpu", "memory")),
              f"container {c['name']} has cpu and memory requests and limits (found {res})")
    check(not kind("Ingress"), "no Ingress unless dashboard.ingress.enabled")
# --- Metrics and health on the Quarkus management port
MGMT_PORT = 9000
services = kind("Service")
if deployments:
    dep = deployments[0]
    pod = dep["spec"]["template"]["spec"]
    op = (pod.get("containers") or [{}])[0]
    ports = {p.get("name"): p.get("containerPort") for p in op.get("ports") or []}
    check(ports.get("management") == MGMT_PORT and ports.get("http") == 8080,
          f"container ports: http 8080 and management {MGMT_PORT} (found {ports})")
    for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
        get = (op.get(probe) or {}).get("httpGet") or {}
        check(get.get("port") == "management" and str(get.get("path", "")).startswith("/q/health/"),
              f"{probe} hits /q/health/* on the management port (found {get})",
              ok="probes hit /q/health/* on the management port")
    ann = dep["spec"]["template"]["metadata"].get("annotations") or {}
    check(ann.get("prometheus.io/scrape") == "true" and ann.get("prometheus.io/port") == str(MGMT_PORT)
          and ann.get("prometheus.io/path") == "/q/metrics",
          f"pod has prometheus.io scrape annotations for port {MGMT_PORT} /q/metrics (found {ann})")
check(len(services) == 1, f"exactly one Service (found {len(services)})")
if services:
    svc_ports = {p.get("name"): p for p in services[0]["spec"].get("ports") or []}
    m = svc_ports.get("metrics") or {}
    check(m.get("targetPort") == "management" and m.get("port") == MGMT_PORT,
          f"Service port metrics {MGMT_PORT} -> management (found {m})")
    check((svc_ports.get("http") or {}).get("targetPort") == "http",
          "Service port http -> http (the push endpoint)")
check(not kind("ServiceMonitor"), "no ServiceMonitor unless metrics.serviceMonitor.enabled")

check(any(s["metadata"]["name"] == sa_name and ns(s) == release_ns for s in service_accounts),
      f"ServiceAccount {sa_name!r} is rendered in {release_ns}")

# --- No wildcards, no privilege-escalation verbs, no non-resource URLs anywhere
for role in roles + cluster_roles:
    where = f"{role['kind']} {role['metadata']['name']} ({ns(role) or 'cluster'})"
    for i, rule in enumerate(role.get("rules") or []):
        for field in ("apiGroups", "resources", "verbs", "resourceNames"):
            vals = rule.get(field) or []
            check(not any("*" in str(v) for v in vals), f"{where} rule {i}: '*' in {field}: {vals}",
                  ok="no '*' in any rule's apiGroups, resources, verbs or resourceNames")
        check(not set(rule.get("verbs") or []) & {"escalate", "bind", "impersonate"},
              f"{where} rule {i}: grants escalate/bind/impersonate",
              ok="no escalate/bind/impersonate verbs anywhere")
        check(not rule.get("nonResourceURLs"), f"{where} rule {i}: grants nonResourceURLs",
              ok="no nonResourceURLs anywhere")

# --- Secrets: only <release>-metrics-token by name (get/update), create only in the
# release namespace, never in a ClusterRole
for role in roles + cluster_roles:
    where = f"{role['kind']} {role['metadata']['name']} ({ns(role) or 'cluster'})"
    for i, rule in enumerate(role.get("rules") or []):
        resources = rule.get("resources") or []
        if not any(r == "secrets" or r.startswith("secrets/") for r in resources):
            continue
        verbs = set(rule.get("verbs") or [])
        names = rule.get("resourceNames") or []
        check(role["kind"] == "Role", f"{where} rule {i}: secrets granted cluster-wide",
              ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
        check(ns(role) == release_ns, f"{where} rule {i}: secrets granted outside the release namespace {release_ns}",
              ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
        check(resources == ["secrets"], f"{where} rule {i}: secrets rule also covers {resources}",
              ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
        if names:
            check(names == [TOKEN_SECRET], f"{where} rule {i}: resourceNames should be [{TOKEN_SECRET}], found {names}",
                  ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
            check(verbs <= {"get", "update", "patch"}, f"{where} rule {i}: named secret verbs should be get/update, found {sorted(verbs)}",
                  ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
        else:
            check(verbs == {"create"}, f"{where} rule {i}: a secrets rule without resourceNames may grant only create, found {sorted(verbs)}",
                  ok="secrets: only in a Role in the release namespace, get/update by resourceNames [<release>-metrics-token], create un-named")
secret_roles = [r for r in roles if any("secrets" in (x.get("resources") or []) for x in r.get("rules") or [])]
check(len(secret_roles) == 1 and ns(secret_roles[0]) == release_ns,
      f"exactly one Role grants secrets, in {release_ns}")


# --- Bindings point to existing roles and to the operator's ServiceAccount
def binds_operator(b):
    return any(s.get("kind") == "ServiceAccount" and s.get("name") == sa_name
               and s.get("namespace") == release_ns for s in b.get("subjects") or [])


for b in role_bindings:
    ref = b["roleRef"]
    check(ref["kind"] == "Role" and any(r["metadata"]["name"] == ref["name"] and ns(r) == ns(b) for r in roles),
          f"RoleBinding {b['metadata']['name']} ({ns(b)}) refers to a Role rendered in the same namespace")
    check(binds_operator(b), f"RoleBinding {b['metadata']['name']} ({ns(b)}) binds {release_ns}/{sa_name}")
for b in cluster_role_bindings:
    ref = b["roleRef"]
    check(ref["kind"] == "ClusterRole" and any(r["metadata"]["name"] == ref["name"] for r in cluster_roles),
          f"ClusterRoleBinding {b['metadata']['name']} refers to a rendered ClusterRole")
    check(binds_operator(b), f"ClusterRoleBinding {b['metadata']['name']} binds {release_ns}/{sa_name}")

# --- Scoping
operator_roles = [r for r in roles if is_operator_role(r)]
operator_role_ns = sorted(ns(r) for r in operator_roles)
if mode == "cluster":
    check(len(cluster_roles) == 1 and is_operator_role(cluster_roles[0]),
          "one ClusterRole with the operator's rules")
    check(len(cluster_role_bindings) == 1, "one ClusterRoleBinding")
    check(not operator_roles, f"no namespaced operator Role when cluster-wide (found in {operator_role_ns})")
    for r in cluster_roles:
        check(grants(r) == EXPECTED_OPERATOR_GRANTS,
              f"ClusterRole {r['metadata']['name']} does not grant exactly the operator's permissions: "
              f"{diff(grants(r))}",
              ok=f"ClusterRole {r['metadata']['name']} grants exactly the operator's permissions")
else:
    want_ns = sorted(mode.split(":", 1)[1].split(","))
    check(not cluster_roles, f"no ClusterRole (found {len(cluster_roles)})")
    check(not cluster_role_bindings, f"no ClusterRoleBinding (found {len(cluster_role_bindings)})")
    check(operator_role_ns == want_ns, f"operator Roles exactly in {want_ns} (found {operator_role_ns})")
    for r in operator_roles:
        check(any(b["roleRef"]["name"] == r["metadata"]["name"] and ns(b) == ns(r) for b in role_bindings),
              f"Role {r['metadata']['name']} in {ns(r)} has a RoleBinding")
        check(grants(r) == EXPECTED_OPERATOR_GRANTS,
              f"Role {r['metadata']['name']} ({ns(r)}) does not grant exactly the operator's permissions: "
              f"{diff(grants(r))}",
              ok=f"Role {r['metadata']['name']} ({ns(r)}) grants exactly the operator's permissions")

for m in passes:
    print(f"PASS: [{scenario}] {m}")
for m in failures:
    print(f"FAIL: [{scenario}] {m}", file=sys.stderr)
print(f"COUNTS {len(passes)} {len(failures)}")
PY

run_check() { # scenario, expected env value, mode
  local s="$1" out counts
  out="$("${PY}" "${WORK}/check.py" "$s" "${WORK}/${s}.out.yaml" "${RELEASE}" "${RELEASE_NS}" "$2" "$3")" \
    || { fail "[$s] the check script crashed"; return; }
  echo "${out}" | grep -v '^COUNTS '
  counts="$(echo "${out}" | awk '/^COUNTS /{print $2, $3}')"
  PASSED=$((PASSED + ${counts% *}))
  FAILED=$((FAILED + ${counts#* }))
}
run_check default "${RELEASE_NS}" "roles:${RELEASE_NS}"
run_check two-namespaces "team-a,team-b" "roles:team-a,team-b"
run_check cluster-wide "JOSDK_ALL_NAMESPACES" "cluster"

echo "== optional ServiceMonitor"
if "${HELM}" template "${RELEASE}" "${CHART}" --namespace "${RELEASE_NS}" \
    --set metrics.serviceMonitor.enabled=true --set-string metrics.serviceMonitor.labels.release=prom \
    >"${WORK}/servicemonitor.out.yaml" 2>"${WORK}/servicemonitor.err"; then
  if "${PY}" - "${WORK}/servicemonitor.out.yaml" "${RELEASE_NS}" <<'PY'
import sys
import yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
monitors = [d for d in docs if d.get("kind") == "ServiceMonitor"]
services = [d for d in docs if d.get("kind") == "Service"]
assert len(monitors) == 1, f"one ServiceMonitor, found {len(monitors)}"
sm, svc = monitors[0], services[0]
assert sm["metadata"]["namespace"] == sys.argv[2], sm["metadata"]
assert sm["metadata"]["labels"].get("release") == "prom", sm["metadata"]["labels"]
assert sm["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"], (sm["spec"]["selector"], svc["spec"]["selector"])
assert sm["spec"]["endpoints"] == [{"port": "metrics", "path": "/q/metrics", "interval": "30s"}], sm["spec"]["endpoints"]
assert any(p["name"] == "metrics" for p in svc["spec"]["ports"])
PY
  then pass "metrics.serviceMonitor.enabled renders a ServiceMonitor for the Service's metrics port"
  else fail "metrics.serviceMonitor.enabled: the ServiceMonitor is wrong"
  fi
else
  cat "${WORK}/servicemonitor.err" >&2
  fail "helm template with metrics.serviceMonitor.enabled=true"
fi

echo "== optional dashboard Ingress"
if "${HELM}" template "${RELEASE}" "${CHART}" --namespace "${RELEASE_NS}" \
    --set dashboard.ingress.enabled=true --set dashboard.ingress.host=sweeps.example.com \
    >"${WORK}/ingress.out.yaml" 2>"${WORK}/ingress.err"; then
  if "${PY}" - "${WORK}/ingress.out.yaml" <<'PY'
import sys
import yaml
docs = [d for d in yaml.safe_load_all(open(sys.argv[1])) if d]
ingresses = [d for d in docs if d.get("kind") == "Ingress"]
services = [d for d in docs if d.get("kind") == "Service"]
assert len(ingresses) == 1, f"one Ingress, found {len(ingresses)}"
rules = ingresses[0]["spec"]["rules"]
assert [r.get("host") for r in rules] == ["sweeps.example.com"], rules
paths = [p for r in rules for p in r["http"]["paths"]]
assert [p["path"] for p in paths] == ["/dashboard"], paths
backend = paths[0]["backend"]["service"]
assert backend["name"] == services[0]["metadata"]["name"], backend
assert backend["port"] == {"name": "http"}, backend
PY
  then pass "dashboard.ingress.enabled routes only /dashboard to the Service's http port"
  else fail "dashboard.ingress.enabled: the Ingress is wrong"
  fi
else
  cat "${WORK}/ingress.err" >&2
  fail "helm template with dashboard.ingress.enabled=true"
fi

echo "${PASSED} passed, ${FAILED} failed"
if [[ ${FAILED} -ne 0 ]]; then
  echo "helm-check: FAILED (see the FAIL lines above)" >&2
  exit 1
fi
echo "helm-check: OK"
