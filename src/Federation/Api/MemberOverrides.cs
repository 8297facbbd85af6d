using Federation.Grains;
using Federation.Members.Client;
using Federation.Workloads;
using Federation.Workloads.Overrides;

namespace Federation.Api;

/// <summary>Overrides checked at PUT: each rule's own shape, then every known member's effective workload as its API server would check it.</summary>
public static class MemberOverrides
{
    public static void Check(WorkloadTemplate template, IReadOnlyList<OverrideRule> rules, IReadOnlyList<MemberLabels> members, Validation v)
    {
        try
        {
            // Every rule against the template, whoever it selects: a rule for a member that joins later is checked too.
            Overrides.ApplyAll(template, rules);
        }
        catch (InvalidOverrideException e)
        {
            v.Add(e.Field, Validation.Truncate(e.Problem, 300));
            return;
        }
        catch (InvalidTemplateException)
        {
            // Rules meant for different members can clash when all apply at once; each member is checked below.
        }

        foreach (var member in members.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            try
            {
                TemplateRules.Check(Overrides.Apply(template, rules, member.Name, member.Labels));
            }
            catch (Exception e) when (e is InvalidOverrideException or InvalidTemplateException)
            {
                var (field, problem) = e is InvalidTemplateException t ? ($"template.{t.Field}", t.Problem) : (((InvalidOverrideException)e).Field, ((InvalidOverrideException)e).Problem);
                v.Add("overrides", Validation.Truncate($"on member {Validation.Quote(member.Name)}: {field} {problem}", 300));
            }
        }
    }
}
