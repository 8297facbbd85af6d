namespace Federation.Members.Simulation;

/// <summary>apimachinery meta/v1, apps/v1 and policy/v1 messages.</summary>
internal static partial class ProtoSchema
{
    private static Dictionary<string, string> Meta => new()
    {
        ["Unknown"] = "1 typeMeta TypeMeta; 2 raw bytes; 3 contentEncoding; 4 contentType",
        ["TypeMeta"] = "1 apiVersion; 2 kind",
        ["ObjectMeta"] = "1 name; 2 generateName; 3 namespace; 5 uid; 6 resourceVersion; 7 generation int; 8 creationTimestamp time; "
            + "9 deletionTimestamp time; 10 deletionGracePeriodSeconds int?; 11 labels map; 12 annotations map; "
            + "13 ownerReferences OwnerReference*; 14 finalizers*; 17 managedFields ManagedFieldsEntry*",
        ["OwnerReference"] = "5 apiVersion; 1 kind; 3 name; 4 uid; 6 controller bool?; 7 blockOwnerDeletion bool?",
        ["ManagedFieldsEntry"] = "1 manager; 2 operation; 3 apiVersion; 4 time time; 6 fieldsType; 7 fieldsV1 json; 8 subresource",
        ["LabelSelector"] = "1 matchLabels map; 2 matchExpressions LabelSelectorRequirement*",
        ["LabelSelectorRequirement"] = "1 key; 2 operator; 3 values*",
    };

    private static Dictionary<string, string> Apps => new()
    {
        ["Deployment"] = "1 metadata ObjectMeta; 2 spec DeploymentSpec; 3 status DeploymentStatus",
        ["DeploymentSpec"] = "1 replicas int?; 2 selector LabelSelector; 3 template PodTemplateSpec; 4 strategy DeploymentStrategy; "
            + "5 minReadySeconds int; 6 revisionHistoryLimit int?; 7 paused bool; 9 progressDeadlineSeconds int?",
        ["DeploymentStrategy"] = "1 type; 2 rollingUpdate RollingUpdateDeployment",
        ["RollingUpdateDeployment"] = "1 maxUnavailable intstr?; 2 maxSurge intstr?",
        ["DeploymentStatus"] = "1 observedGeneration int; 2 replicas int; 3 updatedReplicas int; 7 readyReplicas int; 4 availableReplicas int; "
            + "5 unavailableReplicas int; 6 conditions DeploymentCondition*; 8 collisionCount int?",
        ["DeploymentCondition"] = "1 type; 2 status; 6 lastUpdateTime time; 7 lastTransitionTime time; 4 reason; 5 message",
        ["StatefulSet"] = "1 metadata ObjectMeta; 2 spec StatefulSetSpec",
        ["StatefulSetSpec"] = "1 replicas int?; 2 selector LabelSelector; 3 template PodTemplateSpec; 5 serviceName; 6 podManagementPolicy; "
            + "7 updateStrategy StatefulSetUpdateStrategy; 8 revisionHistoryLimit int?; 9 minReadySeconds int; "
            + "10 persistentVolumeClaimRetentionPolicy StatefulSetPersistentVolumeClaimRetentionPolicy; 11 ordinals StatefulSetOrdinals",
        ["StatefulSetUpdateStrategy"] = "1 type; 2 rollingUpdate RollingUpdateStatefulSetStrategy",
        ["RollingUpdateStatefulSetStrategy"] = "1 partition int?; 2 maxUnavailable intstr?",
        ["StatefulSetOrdinals"] = "1 start int",
        ["StatefulSetPersistentVolumeClaimRetentionPolicy"] = "1 whenDeleted; 2 whenScaled",
        ["PodDisruptionBudget"] = "1 metadata ObjectMeta; 2 spec PodDisruptionBudgetSpec",
        ["PodDisruptionBudgetSpec"] = "1 minAvailable intstr?; 2 selector LabelSelector; 3 maxUnavailable intstr?; 4 unhealthyPodEvictionPolicy?",
    };
}
