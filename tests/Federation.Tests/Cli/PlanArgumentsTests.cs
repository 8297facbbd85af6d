using Federation.Cli;

namespace Federation.Tests.Cli;

public sealed class PlanArgumentsTests
{
    [Fact]
    public void Add_spec_with_every_key_becomes_a_member_request()
    {
        var member = PlanArguments.ParseAdd("name=north,nodes=3,cpu=8,memory=32Gi,labels=region:eu;zone:a");

        Assert.Equal("north", member.Name);
        Assert.Equal(3, member.Nodes);
        Assert.Equal("8", member.Cpu);
        Assert.Equal("32Gi", member.Memory);
        Assert.Equal(new Dictionary<string, string> { ["region"] = "eu", ["zone"] = "a" }, member.Labels);
    }

    [Theory]
    [InlineData("name only", "name=x", "x", null, null, null)]
    [InlineData("millicores and spaces", " name = x , cpu = 500m ", "x", null, "500m", null)]
    [InlineData("keys in any order and case", "Memory=64G,NODES=2,Name=y", "y", 2, null, "64G")]
    public void Add_spec_reads_the_keys_given(string _, string spec, string name, int? nodes, string? cpu, string? memory)
    {
        var member = PlanArguments.ParseAdd(spec);

        Assert.Equal((name, nodes, cpu, memory), (member.Name, member.Nodes, member.Cpu, member.Memory));
        Assert.Null(member.Labels);
    }

    [Theory]
    [InlineData("no name", "nodes=3,cpu=8", "name is required")]
    [InlineData("unknown key", "name=x,gpus=2", "unknown key 'gpus'")]
    [InlineData("not key=value", "name=x,big", "'big' is not KEY=VALUE")]
    [InlineData("nodes not a number", "name=x,nodes=three", "nodes 'three'")]
    [InlineData("zero nodes", "name=x,nodes=0", "nodes '0'")]
    [InlineData("cpu not a quantity", "name=x,cpu=lots", "cpu 'lots'")]
    [InlineData("memory not a quantity", "name=x,memory=32GB", "memory '32GB'")]
    [InlineData("label without value", "name=x,labels=region", "label 'region'")]
    [InlineData("key twice", "name=x,name=y", "given twice")]
    public void Malformed_add_spec_is_refused_naming_the_part(string _, string spec, string expected)
    {
        var error = Assert.Throws<CliInputException>(() => PlanArguments.ParseAdd(spec));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("shop/web=12", "shop/web", 12)]
    [InlineData("web=0", "default/web", 0)]
    public void Scale_spec_names_the_application_and_the_replicas(string spec, string application, int replicas)
    {
        var scale = PlanArguments.ParseScale(spec);

        Assert.Equal((application, replicas), (scale.Application, scale.Replicas));
    }

    [Theory]
    [InlineData("shop/web")]
    [InlineData("shop/web=many")]
    [InlineData("shop/web=-1")]
    [InlineData("a/b/c=2")]
    public void Malformed_scale_spec_is_refused(string spec)
    {
        Assert.Throws<CliInputException>(() => PlanArguments.ParseScale(spec));
    }
}
