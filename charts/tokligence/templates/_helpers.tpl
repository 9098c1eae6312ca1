{{/* Names, labels and the values the scenarios' keys override. */}}

{{- define "tokligence.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "tokligence.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "tokligence.namespace" -}}
{{- default .Release.Namespace .Values.kubernetes.namespace -}}
{{- end -}}

{{- define "tokligence.selectorLabels" -}}
app.kubernetes.io/name: {{ include "tokligence.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "tokligence.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "tokligence.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
tokligence.dev/profile: {{ .Values.profile }}
{{- end -}}

{{- define "tokligence.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "tokligence.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* high_availability.replicas wins over replicaCount; HA means at least 2. */}}
{{- define "tokligence.replicas" -}}
{{- $ha := .Values.high_availability -}}
{{- $n := int (default .Values.replicaCount $ha.replicas) -}}
{{- if and $ha.enabled (lt $n 2) -}}{{- $n = 2 -}}{{- end -}}
{{- $n -}}
{{- end -}}

{{/* autoscaling, with kubernetes.autoscaling's spelling winning where set. */}}
{{- define "tokligence.autoscaling" -}}
{{- $a := deepCopy .Values.autoscaling -}}
{{- $k := default dict .Values.kubernetes.autoscaling -}}
{{- if hasKey $k "enabled" -}}{{- $_ := set $a "enabled" $k.enabled -}}{{- end -}}
{{- if hasKey $k "min_replicas" -}}{{- $_ := set $a "minReplicas" $k.min_replicas -}}{{- end -}}
{{- if hasKey $k "max_replicas" -}}{{- $_ := set $a "maxReplicas" $k.max_replicas -}}{{- end -}}
{{- if hasKey $k "target_cpu" -}}{{- $_ := set $a "targetCPUUtilizationPercentage" $k.target_cpu -}}{{- end -}}
{{- toJson $a -}}
{{- end -}}

{{- define "tokligence.resources" -}}
{{- toYaml (default .Values.resources .Values.kubernetes.resources) -}}
{{- end -}}

{{- define "tokligence.probePeriod" -}}
{{- $ha := .Values.high_availability -}}
{{- int (default .period $ha.health_check_interval) -}}
{{- end -}}

{{- define "tokligence.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "tokligence.configMapName" -}}
{{- default (printf "%s-config" (include "tokligence.fullname" .)) .Values.existingConfigMap -}}
{{- end -}}

{{- define "tokligence.metricsPort" -}}
{{- if and .Values.metrics.enabled .Values.metrics.port -}}{{ .Values.metrics.port }}{{- else -}}{{ .Values.service.port }}{{- end -}}
{{- end -}}
