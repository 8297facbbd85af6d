namespace Federation.Members.Tests.Client.Simulated;

/// <summary>One simulated member for a whole test class; tests keep apart by namespace.</summary>
public sealed class MemberFixture : IAsyncLifetime
{
    private SimulatedMember? _member;

    internal SimulatedMember Member => _member ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync() => _member = await SimulatedMember.StartAsync("ops-member");

    public async Task DisposeAsync()
    {
        if (_member is not null)
        {
            await _member.DisposeAsync();
        }
    }
}
