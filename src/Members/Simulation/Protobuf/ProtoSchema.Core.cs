namespace Federation.Members.Simulation;

/// <summary>core/v1 messages (pod template, containers, volumes, and the companion kinds).</summary>
internal static partial class ProtoSchema
{
    private static Dictionary<string, string> Core => new()
    {
        ["Pod"] = "1 metadata ObjectMeta; 2 spec PodSpec",
        ["PodTemplateSpec"] = "1 metadata ObjectMeta; 2 spec PodSpec",
        ["PodSpec"] = "1 volumes Volume*; 20 initContainers Container*; 2 containers Container*; 3 restartPolicy; "
            + "4 terminationGracePeriodSeconds int?; 5 activeDeadlineSeconds int?; 6 dnsPolicy; 7 nodeSelector map; 8 serviceAccountName; "
            + "9 serviceAccount; 21 automountServiceAccountToken bool?; 10 nodeName; 11 hostNetwork bool; 12 hostPID bool; 13 hostIPC bool; "
            + "27 shareProcessNamespace bool?; 14 securityContext PodSecurityContext; 15 imagePullSecrets LocalObjectReference*; 16 hostname; "
            + "17 subdomain; 19 schedulerName; 22 tolerations Toleration*; 24 priorityClassName; 25 priority int?; 29 runtimeClassName?; "
            + "30 enableServiceLinks bool?; 31 preemptionPolicy?",
        ["Container"] = "1 name; 2 image; 3 command*; 4 args*; 5 workingDir; 6 ports ContainerPort*; 19 envFrom EnvFromSource*; 7 env EnvVar*; "
            + "8 resources ResourceRequirements; 24 restartPolicy?; 9 volumeMounts VolumeMount*; 10 livenessProbe Probe; 11 readinessProbe Probe; "
            + "22 startupProbe Probe; 12 lifecycle Lifecycle; 13 terminationMessagePath; 20 terminationMessagePolicy; 14 imagePullPolicy; "
            + "15 securityContext SecurityContext; 16 stdin bool; 17 stdinOnce bool; 18 tty bool",
        ["ContainerPort"] = "1 name; 2 hostPort int; 3 containerPort int; 4 protocol; 5 hostIP",
        ["EnvVar"] = "1 name; 2 value; 3 valueFrom EnvVarSource",
        ["EnvVarSource"] = "1 fieldRef ObjectFieldSelector; 2 resourceFieldRef ResourceFieldSelector; 3 configMapKeyRef ConfigMapKeySelector; "
            + "4 secretKeyRef SecretKeySelector",
        ["ObjectFieldSelector"] = "1 apiVersion; 2 fieldPath",
        ["ResourceFieldSelector"] = "1 containerName; 2 resource; 3 divisor quantity",
        ["ConfigMapKeySelector"] = "1 ^LocalObjectReference; 2 key; 3 optional bool?",
        ["SecretKeySelector"] = "1 ^LocalObjectReference; 2 key; 3 optional bool?",
        ["EnvFromSource"] = "1 prefix; 2 configMapRef ConfigMapEnvSource; 3 secretRef SecretEnvSource",
        ["ConfigMapEnvSource"] = "1 ^LocalObjectReference; 2 optional bool?",
        ["SecretEnvSource"] = "1 ^LocalObjectReference; 2 optional bool?",
        ["LocalObjectReference"] = "1 name",
        ["ObjectReference"] = "1 kind; 2 namespace; 3 name; 4 uid; 5 apiVersion; 6 resourceVersion; 7 fieldPath",
        ["ResourceRequirements"] = "1 limits qmap; 2 requests qmap",
        ["VolumeMount"] = "1 name; 2 readOnly bool; 3 mountPath; 4 subPath; 5 mountPropagation?; 6 subPathExpr",
        ["Volume"] = "1 name; 2 ^VolumeSource",
        ["VolumeSource"] = "1 hostPath HostPathVolumeSource; 2 emptyDir EmptyDirVolumeSource; 6 secret SecretVolumeSource; "
            + "10 persistentVolumeClaim PersistentVolumeClaimVolumeSource; 19 configMap ConfigMapVolumeSource",
        ["HostPathVolumeSource"] = "1 path; 2 type?",
        ["EmptyDirVolumeSource"] = "1 medium; 2 sizeLimit quantity",
        ["SecretVolumeSource"] = "1 secretName; 2 items KeyToPath*; 3 defaultMode int?; 4 optional bool?",
        ["ConfigMapVolumeSource"] = "1 ^LocalObjectReference; 2 items KeyToPath*; 3 defaultMode int?; 4 optional bool?",
        ["KeyToPath"] = "1 key; 2 path; 3 mode int?",
        ["PersistentVolumeClaimVolumeSource"] = "1 claimName; 2 readOnly bool",
        ["Probe"] = "1 ^ProbeHandler; 2 initialDelaySeconds int; 3 timeoutSeconds int; 4 periodSeconds int; 5 successThreshold int; "
            + "6 failureThreshold int; 7 terminationGracePeriodSeconds int?",
        ["ProbeHandler"] = "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction; 4 grpc GRPCAction",
        ["LifecycleHandler"] = "1 exec ExecAction; 2 httpGet HTTPGetAction; 3 tcpSocket TCPSocketAction; 4 sleep SleepAction",
        ["Lifecycle"] = "1 postStart LifecycleHandler; 2 preStop LifecycleHandler",
        ["ExecAction"] = "1 command*",
        ["HTTPGetAction"] = "1 path; 2 port intstr; 3 host; 4 scheme; 5 httpHeaders HTTPHeader*",
        ["HTTPHeader"] = "1 name; 2 value",
        ["TCPSocketAction"] = "1 port intstr; 2 host",
        ["GRPCAction"] = "1 port int; 2 service?",
        ["SleepAction"] = "1 seconds int",
        ["SecurityContext"] = "1 capabilities Capabilities; 2 privileged bool?; 4 runAsUser int?; 5 runAsNonRoot bool?; "
            + "6 readOnlyRootFilesystem bool?; 7 allowPrivilegeEscalation bool?; 8 runAsGroup int?; 11 seccompProfile SeccompProfile",
        ["Capabilities"] = "1 add*; 2 drop*",
        ["SeccompProfile"] = "1 type; 2 localhostProfile?",
        ["PodSecurityContext"] = "2 runAsUser int?; 3 runAsNonRoot bool?; 4 supplementalGroups int*; 5 fsGroup int?; 6 runAsGroup int?; "
            + "9 fsGroupChangePolicy?; 10 seccompProfile SeccompProfile",
        ["Toleration"] = "1 key; 2 operator; 3 value; 4 effect; 5 tolerationSeconds int?",
        ["Namespace"] = "1 metadata ObjectMeta; 2 spec NamespaceSpec",
        ["NamespaceSpec"] = "1 finalizers*",
        ["ConfigMap"] = "1 metadata ObjectMeta; 2 data map; 3 binaryData bmap; 4 immutable bool?",
        ["Secret"] = "1 metadata ObjectMeta; 2 data bmap; 4 stringData map; 3 type; 5 immutable bool?",
        ["Service"] = "1 metadata ObjectMeta; 2 spec ServiceSpec",
        ["ServiceSpec"] = "1 ports ServicePort*; 2 selector map; 3 clusterIP; 18 clusterIPs*; 4 type; 5 externalIPs*; 7 sessionAffinity; "
            + "8 loadBalancerIP; 9 loadBalancerSourceRanges*; 10 externalName; 11 externalTrafficPolicy; 12 healthCheckNodePort int; "
            + "13 publishNotReadyAddresses bool; 19 ipFamilies*; 17 ipFamilyPolicy?; 20 allocateLoadBalancerNodePorts bool?; "
            + "21 loadBalancerClass?; 22 internalTrafficPolicy?",
        ["ServicePort"] = "1 name; 2 protocol; 6 appProtocol?; 3 port int; 4 targetPort intstr; 5 nodePort int",
        ["ServiceAccount"] = "1 metadata ObjectMeta; 2 secrets ObjectReference*; 3 imagePullSecrets LocalObjectReference*; "
            + "4 automountServiceAccountToken bool?",
    };
}
