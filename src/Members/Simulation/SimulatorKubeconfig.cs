namespace Federation.Members.Simulation;

/// <summary>A kubeconfig whose cluster, user and context are named after the member.</summary>
internal static class SimulatorKubeconfig
{
    public static string Render(string name, Uri url) => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: {{name}}
          cluster:
            server: {{url.ToString().TrimEnd('/')}}
        users:
        - name: {{name}}
          user:
            token: simulated
        contexts:
        - name: {{name}}
          context:
            cluster: {{name}}
            user: {{name}}
            namespace: default
        current-context: {{name}}
        preferences: {}

        """;
}
