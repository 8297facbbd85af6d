namespace Federation.Members.Client;

/// <summary>
/// What the control plane needs to know about an application's Deployment template.
/// </summary>
/// <param name="Name">The template's <c>metadata.name</c>, if it has one.</param>
/// <param name="Namespace">The template's <c>metadata.namespace</c>, if it has one.</param>
/// <param name="MilliCpuPerPod">CPU one pod requests, in thousandths of a core (rounded up).</param>
/// <param name="MemoryBytesPerPod">Memory one pod requests, in bytes (rounded up).</param>
/// <param name="TemplateHash">
/// A hash of <c>spec.template</c> that ignores property order and formatting, so a changed pod
/// template (e.g. a new image) changes it and a re-serialised identical one does not.
/// </param>
public sealed record TemplateInfo(string? Name, string? Namespace, long MilliCpuPerPod, long MemoryBytesPerPod, string TemplateHash);
