using System.Net;
using System.Net.Http.Json;
using Federation.Scheduling;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.FrontDoor;

/// <summary>Embedded mode: member credentials are stored protected, in files only the host's user can read.</summary>
public sealed class CredentialsAtRestTests
{
    [Fact]
    public async Task No_file_under_the_data_dir_holds_a_member_credential_and_every_one_is_private()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        var byToken = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = fleet["east"].Url.ToString(), token = fleet["east"].Token });
        var byKubeconfig = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "west", kubeconfig = fleet["west"].Kubeconfig });
        Assert.Equal(HttpStatusCode.Created, byToken.StatusCode);
        Assert.Equal(HttpStatusCode.Created, byKubeconfig.StatusCode);

        // After a restart the members are reached again: the credentials open with the keys kept in the data dir.
        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        await Eventually.WaitAsync(
            async () => (await fleet.GetClusterAsync("east"))?.State == MemberState.Ready && (await fleet.GetClusterAsync("west"))?.State == MemberState.Ready,
            TimeSpan.FromSeconds(30),
            "both members Ready after the restart");
        Assert.Equal(fleet["west"].Url.ToString().TrimEnd('/'), (await fleet.GetClusterAsync("west"))!.Server.TrimEnd('/'));

        var files = Directory.EnumerateFiles(fleet.DataDir, "*", SearchOption.AllDirectories).ToList();
        Assert.Contains(files, f => f.Contains($"{Path.DirectorySeparatorChar}keys{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.Empty(files.SelectMany(f => MemberSecrets.Leaks(f, File.ReadAllBytes(f), MemberSecrets.Of(fleet.Members))));
        if (!OperatingSystem.IsWindows())
        {
            Assert.All(files, f => Assert.True(ModeOf(f) == (UnixFileMode.UserRead | UnixFileMode.UserWrite), $"{f}: {ModeOf(f)}"));
            var directories = Directory.EnumerateDirectories(fleet.DataDir, "*", SearchOption.AllDirectories).Append(fleet.DataDir);
            Assert.All(directories, d => Assert.True(ModeOf(d) == (UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute), $"{d}: {ModeOf(d)}"));
        }
    }

    private static UnixFileMode ModeOf(string path) =>
        OperatingSystem.IsWindows() ? throw new PlatformNotSupportedException("no Unix modes") : File.GetUnixFileMode(path);
}
