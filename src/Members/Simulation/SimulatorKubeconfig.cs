namespace Federation.Members.Simulation;

/// <summary>
/// A kubeconfig whose cluster, user and context are named after the member, with its admin token;
/// a second user and context (<c>NAME-readonly</c>) carry the read-only token.
/// </summary>
internal static class SimulatorKubeconfig
{
    public static string Render(string name, Uri url, string token, string readOnlyToken, string? authorityData) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{name}}
          cluster:
            server: {{url.ToString().TrimEnd('/')}}{{(authorityData is null ? "" : $"\n    certificate-authority-data: {authorityData}")}}
        users:
        - name: {{name}}
          user:
            token: {{token}}
        - name: {{name}}-readonly
          user:
            token: {{readOnlyToken}}
        contexts:
        - name: {{name}}
          context:
            cluster: {{name}}
            user: {{name}}
            namespace: default
        - name: {{name}}-readonly
          context:
            cluster: {{name}}
            user: {{name}}-readonly
            namespace: default
        current-context: {{name}}
        preferences: {}

        """;
}
