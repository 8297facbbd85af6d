namespace Federation.Members.Client;

/// <summary>What a member is given, as JSON: the same body the member client applies, for display.</summary>
public static class MemberManifests
{
    public static string Deployment(DeploymentApply apply) => DeploymentMapper.ApplyBody(apply);
}
