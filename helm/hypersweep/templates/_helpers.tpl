{{/*
Chart name, truncated to 63 characters (the DNS label limit).
*/}}
{{- define "hypersweep.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Fully qualified app name: <release>-<chart>, or <release> when it already contains the
chart name. Truncated to 63 characters.
*/}}
{{- define "hypersweep.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
Chart name and version, for the helm.sh/chart label.
*/}}
{{- define "hypersweep.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Common labels.
*/}}
{{- define "hypersweep.labels" -}}
helm.sh/chart: {{ include "hypersweep.chart" . }}
{{ include "hypersweep.selectorLabels" . }}
app.kubernetes.io/version: {{ (default .Chart.AppVersion .Values.image.tag) | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: hypersweep
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels (stable across upgrades: never add version-dependent labels here).
*/}}
{{- define "hypersweep.selectorLabels" -}}
app.kubernetes.io/name: {{ include "hypersweep.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
Name of the ServiceAccount the operator runs as.
*/}}
{{- define "hypersweep.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "hypersweep.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
Operator image reference.
*/}}
{{- define "hypersweep.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{/*
Name of the one Secret the operator may read and write: <release>-metrics-token, in the
release namespace.
*/}}
{{- define "hypersweep.metricsTokenSecretName" -}}
{{- printf "%s-metrics-token" .Release.Name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The namespaces the operator watches, as a list, de-duplicated, in the given order.
Empty watchNamespaces means the release namespace. Not used when clusterWide.
Returned as JSON: {"namespaces": [...]} (templates can only return strings).
*/}}
{{- define "hypersweep.watchNamespaces" -}}
{{- $namespaces := list }}
{{- if .Values.watchNamespaces }}
{{- $namespaces = uniq .Values.watchNamespaces }}
{{- else }}
{{- $namespaces = list .Release.Namespace }}
{{- end }}
{{- dict "namespaces" $namespaces | toJson }}
{{- end }}

{{/*
Value of QUARKUS_OPERATOR_SDK_CONTROLLERS_HYPERPARAMETERSWEEPRECONCILER_NAMESPACES:
JOSDK_ALL_NAMESPACES when clusterWide, otherwise the watched namespaces, comma separated.
*/}}
{{- define "hypersweep.namespacesEnv" -}}
{{- if .Values.clusterWide }}
{{- "JOSDK_ALL_NAMESPACES" }}
{{- else }}
{{- (include "hypersweep.watchNamespaces" . | fromJson).namespaces | join "," }}
{{- end }}
{{- end }}

{{/*
Fails rendering on contradictory values.
*/}}
{{- define "hypersweep.validate" -}}
{{- if and .Values.clusterWide .Values.watchNamespaces }}
{{- fail "hypersweep: set either clusterWide: true or watchNamespaces, not both (clusterWide already watches every namespace)" }}
{{- end }}
{{- end }}

{{/*
The operator's rules on watched namespaces. Least privilege: exactly what the
reconciler uses, no wildcards, no Secrets (the one Secret it needs is granted
separately in templates/rbac.yaml, by name, in the release namespace only).
*/}}
{{- define "hypersweep.operatorRules" -}}
# Watch HyperparameterSweeps; patch/update them for the operator's finalizer.
- apiGroups: ["hypersweep.io"]
  resources: ["hyperparametersweeps"]
  verbs: ["get", "list", "watch", "patch", "update"]
# Write the sweep status subresource.
- apiGroups: ["hypersweep.io"]
  resources: ["hyperparametersweeps/status"]
  verbs: ["patch", "update"]
# Set blockOwnerDeletion on the trial Jobs' ownerReferences to a sweep, which the
# OwnerReferencesPermissionEnforcement admission plugin (e.g. OpenShift) requires.
- apiGroups: ["hypersweep.io"]
  resources: ["hyperparametersweeps/finalizers"]
  verbs: ["update"]
# Trial Jobs.
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["create", "get", "list", "watch", "delete"]
# Trial Pods and their logs (metrics are read from the trial's output).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch"]
- apiGroups: [""]
  resources: ["pods/log"]
  verbs: ["get"]
# Archive ConfigMaps <sweep>-trials-<k> holding finished trial records; written once,
# never updated or deleted by the operator (garbage collection deletes them with the sweep).
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["create", "get", "list", "watch"]
# Kubernetes Events about sweeps and trials.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: ["events.k8s.io"]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end }}
