using System.Text;
using Federation.Members.Simulation;

namespace Federation.Tests.FrontDoor;

/// <summary>The credentials of simulated members (random per start), and a check that stored bytes hold none of them.</summary>
public static class MemberSecrets
{
    public static string[] Of(IEnumerable<SimulatedMemberCluster> members) =>
        [.. members.SelectMany(m => new[] { m.Token, m.ReadOnlyToken })];

    /// <summary>Where (by name) a credential appears in plain text, as UTF-8 or UTF-16.</summary>
    public static IEnumerable<string> Leaks(string where, byte[] content, IEnumerable<string> secrets) =>
        from secret in secrets
        from encoding in new Encoding[] { Encoding.UTF8, Encoding.Unicode }
        where content.AsSpan().IndexOf(encoding.GetBytes(secret)) >= 0
        select $"{where} holds {secret[..6]}… ({encoding.WebName})";
}
