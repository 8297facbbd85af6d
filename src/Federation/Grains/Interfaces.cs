using Federation.Planning;
using Federation.Scheduling;
using Orleans.Concurrency;

namespace Federation.Grains;

/// <summary>One member cluster: registration, state machine, health probing, its watch.</summary>
[Alias("fed.IMemberClusterGrain")]
public interface IMemberClusterGrain : IGrainWithStringKey
{
    /// <summary>
    /// Registers the member (or updates its labels and credentials). A member that joins anew lists the
    /// managed Deployments no application claims on it as orphans, and adopts or deletes them when asked.
    /// </summary>
    [Alias("Join")] Task<ClusterView> JoinAsync(MemberRegistration registration, IReadOnlyDictionary<string, string> labels, OrphanAction orphans);

    /// <summary>
    /// The member as the API shows it; null when it is not joined. It reads memory only, so it is
    /// answered at once even while a probe's turn waits on a host busy with a fleet's failover.
    /// </summary>
    [Alias("Get")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<ClusterView?> GetAsync();

    /// <summary>Moves the member to a new administrative state (cordon, drain, retire, maintain, uncordon).</summary>
    [Alias("SetState")] Task<ClusterView> SetStateAsync(MemberState state, DateTimeOffset? maintenanceUntil, string reason);

    /// <summary>Forgets the member; the caller has checked it holds no replicas, or that forgetting them is allowed.</summary>
    [Alias("Unjoin")] Task UnjoinAsync(string reason);

    /// <summary>Credentials for the member client of this silo. Internal: never exposed by the API. Reads memory only, as <see cref="GetAsync"/>.</summary>
    [Alias("GetRegistration")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task<MemberRegistration?> GetRegistrationAsync();

    /// <summary>Activates the member after a restart so that it probes and watches again.</summary>
    [Alias("Wake")] Task WakeAsync();
}

/// <summary>The fleet: registry of members and applications, their snapshots, the capacity ledger.</summary>
[Alias("fed.IHostClusterGrain")]
public interface IHostClusterGrain : IGrainWithStringKey
{
    [Alias("AddMember")] Task AddMemberAsync(string name);

    [Alias("RemoveMember")] Task RemoveMemberAsync(string name);

    /// <summary>A member's latest snapshot; answers whether its capacity figures are wanted fresh (see <see cref="Capacity.CapacityReads"/>).</summary>
    [Alias("UpdateMember")] Task<bool> UpdateMemberAsync(MemberSnapshot snapshot, bool notifyApplications);

    [Alias("ListMembers")] Task<IReadOnlyList<string>> ListMembersAsync();

    /// <summary>Every joined member's name and labels, in one call (what a placement policy is checked against).</summary>
    [Alias("ListMemberLabels")] Task<IReadOnlyList<MemberLabels>> ListMemberLabelsAsync();

    [Alias("AddApplication")] Task AddApplicationAsync(string key);

    [Alias("RemoveApplication")] Task RemoveApplicationAsync(string key);

    [Alias("ListApplications")] Task<IReadOnlyList<string>> ListApplicationsAsync();

    /// <summary>
    /// Schedules one application against the fleet and reserves the capacity it takes. The answer
    /// carries the snapshots of the members in the placement and in <paramref name="holding"/>
    /// (members where the application still has replicas); a member missing from it has left the fleet.
    /// </summary>
    [Alias("Place")] Task<PlacementAnswer> PlaceAsync(FleetApplication ask, IReadOnlyList<string> holding);

    /// <summary>An application reports where its replicas are, for drain progress and unjoin checks.</summary>
    [Alias("Report")] Task ReportAsync(string application, IReadOnlyList<MemberWorkload> workloads);

    [Alias("Workloads")] Task<IReadOnlyList<ClusterWorkloadView>> GetWorkloadsAsync(string member);

    [Alias("Snapshot")] Task<FleetSnapshot> GetSnapshotAsync();

    /// <summary>
    /// True when no application holds replicas on the member, as far as the host knows for sure:
    /// false while its index is still being rebuilt after a restart.
    /// </summary>
    [Alias("IsEmptied")] Task<bool> IsEmptiedAsync(string member);

    /// <summary>The latest evaluation of every single member loss (null until the first one ran).</summary>
    [Alias("Losses")] Task<FleetLossesView?> GetLossesAsync();
}

/// <summary>One bucket of the durable list of applications (key: bucket number).</summary>
[Alias("fed.IApplicationRegistryGrain")]
public interface IApplicationRegistryGrain : IGrainWithStringKey
{
    [Alias("Add")] Task AddAsync(string application);

    [Alias("Remove")] Task RemoveAsync(string application);

    [Alias("List")] Task<IReadOnlyList<string>> ListAsync();
}

/// <summary>One application: spec, placement, per-member status, in-flight migration, events.</summary>
[Alias("fed.IApplicationGrain")]
public interface IApplicationGrain : IGrainWithStringKey
{
    [Alias("Put")] Task<PutAnswer> PutAsync(ApplicationSpec spec);

    [Alias("Get")] Task<ApplicationView?> GetAsync();

    /// <summary>What the member is given (companions, Secret values redacted, and the workload with its overrides) as a List; null without a spec.</summary>
    [Alias("GetManifest")] Task<string?> GetManifestAsync(string member);

    [Alias("Delete")] Task<bool> DeleteAsync();

    /// <summary>
    /// Something the placement depends on changed at <paramref name="sentAt"/>: reconcile, unless a
    /// reconcile has started since (a burst of pokes costs one reconcile, not one each).
    /// </summary>
    [OneWay, Alias("Poke")] Task PokeAsync(string reason, DateTimeOffset sentAt);

    /// <summary>
    /// A member holding this application's replicas stopped answering: they stay there until
    /// failoverAfter, when the application wakes to move them. Shown at once, without a reconcile.
    /// </summary>
    [OneWay, Alias("Unreachable")] Task UnreachableAsync(MemberSnapshot member);

    /// <summary>A member's watch saw this application's Deployment change.</summary>
    [OneWay, Alias("Observed")] Task ObservedAsync(string member, ObservedDeployment deployment);

    /// <summary>Takes over an orphaned Deployment of this application on a member: its replicas count as applied there.</summary>
    [Alias("Adopt")] Task AdoptAsync(string member, int replicas);

    /// <summary>A member's watch re-listed and this application's Deployment was not there.</summary>
    [OneWay, Alias("Absent")] Task AbsentAsync(string member);

    /// <summary>Activates the application (after a restart, or its silo's loss). It does nothing else, so it never waits behind a reconcile.</summary>
    [Alias("Wake")]
    [Orleans.Concurrency.AlwaysInterleave]
    Task WakeAsync();

    /// <summary>Pauses, resumes, promotes or aborts the application's progressive rollout.</summary>
    [Alias("ControlRollout")] Task<RolloutAnswer> ControlRolloutAsync(string action);

    /// <summary>
    /// Lets a StatefulSet's replicas leave every member whose failover awaits confirmation; returns those members
    /// (empty: nothing awaited it), or null when there is no such application.
    /// </summary>
    [Alias("ConfirmFailover")] Task<IReadOnlyList<string>?> ConfirmFailoverAsync();

    /// <summary>Calls each hook in force with a sample payload and returns the answers (null: no such application).</summary>
    [Alias("TestHooks")] Task<IReadOnlyList<HookTestView>?> TestHooksAsync();
}

/// <summary>The decommission report of one member (key: member name): its latest drain or retirement.</summary>
[Alias("fed.IDecommissionReportGrain")]
public interface IDecommissionReportGrain : IGrainWithStringKey
{
    /// <summary>A drain or retirement began (or a retirement took over a drain in progress).</summary>
    [Alias("Begin")] Task BeginAsync(string action, DateTimeOffset at);

    /// <summary>An application's move off the member, as of its latest reconcile.</summary>
    [Alias("Observe")] Task ObserveAsync(Reports.MoveUpdate update);

    /// <summary>A member hook (BeforeDrain, AfterDrain, AfterRetire) was called.</summary>
    [Alias("MemberHook")] Task MemberHookAsync(Reports.ReportHook hook);

    /// <summary>The member is empty, or left the draining states first.</summary>
    [Alias("Finish")] Task FinishAsync(DateTimeOffset at, Reports.ReportOutcome outcome, string? why);

    /// <summary>The latest report; null when the member was never drained or retired.</summary>
    [Alias("GetLatest")] Task<Reports.DecommissionReport?> GetLatestAsync();
}

/// <summary>The decision history of the whole fleet, newest last, bounded.</summary>
[Alias("fed.IEventLogGrain")]
public interface IEventLogGrain : IGrainWithStringKey
{
    [OneWay, Alias("Append")] Task AppendAsync(EventView e);

    [Alias("Query")] Task<IReadOnlyList<EventView>> QueryAsync(string? application, string? cluster, int limit);
}

/// <summary>The fleet's scheduled operations (singleton), durable in grain storage.</summary>
[Alias("fed.IScheduleGrain")]
public interface IScheduleGrain : IGrainWithStringKey
{
    [Alias("Add")] Task<ScheduleRecord> AddAsync(ScheduleRecord schedule);

    [Alias("Cancel")] Task<bool> CancelAsync(string id);

    [Alias("List")] Task<ScheduleList> ListAsync();

    /// <summary>Acts on a firing once, however many silos saw it; false when it was already acted on.</summary>
    [Alias("Fire")] Task<bool> FireAsync(string id, DateTimeOffset scheduledFor);
}
