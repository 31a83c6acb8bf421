using System.Text.RegularExpressions;

namespace BackCare.Web.Tests.Hosting;

/// <summary>
/// The nginx of the deployment guide (docs/deploy.md) is the nginx the local cluster runs and its tests go through
/// (deploy/nginx-local-cluster.conf): the same proxying, TLS and redirect, so what the cluster's tests show holds for
/// the guide's server.
/// </summary>
public sealed partial class NginxConfigDocTests
{
    private static readonly string Root = Repository.Root;
    private static readonly string Shipped = File.ReadAllText(Path.Combine(Root, "deploy", "nginx-local-cluster.conf"));
    private static readonly string Guide = GuideBlock();

    [Fact]
    public void Given_the_guide_and_the_local_cluster_When_their_location_blocks_are_read_Then_they_proxy_alike_but_for_the_header_naming_the_instance()
    {
        var shipped = Directives(Location(Shipped)).ToList();
        shipped.ShouldContain("add_header X-BackCare-Upstream $upstream_addr always;", "the cluster's tests read which instance answered");

        Directives(Location(Guide)).ShouldBe(shipped.Where(d => !d.Contains("X-BackCare-Upstream", StringComparison.Ordinal)));
    }

    [Fact]
    public void Given_the_guide_and_the_local_cluster_When_their_servers_are_read_Then_both_end_TLS_redirect_plain_http_and_limit_bodies_alike()
    {
        foreach (var (name, text) in new[] { ("the guide", Guide), ("the local cluster", Shipped) })
        {
            var directives = Directives(text).ToList();
            directives.ShouldContain(d => d.StartsWith("listen ", StringComparison.Ordinal) && d.TrimEnd(';').Split(' ').Contains("ssl"), name);
            directives.ShouldContain(d => d.StartsWith("ssl_certificate ", StringComparison.Ordinal), name);
            directives.ShouldContain("ssl_protocols TLSv1.2 TLSv1.3;", name);
            directives.ShouldContain("client_max_body_size 1m;", name);
            directives.ShouldContain(d => d.StartsWith("return 301 https://$host", StringComparison.Ordinal) && d.EndsWith("$request_uri;", StringComparison.Ordinal), name);
        }

        // The local cluster's upstream lines are written by its script, one per instance.
        var script = File.ReadAllText(Path.Combine(Root, "deploy", "local-cluster.sh"));
        var guideServers = Directives(Guide).Where(d => d.StartsWith("server 127.0.0.1:", StringComparison.Ordinal)).ToList();
        guideServers.Count.ShouldBe(3);
        foreach (var server in guideServers)
        {
            server.ShouldEndWith(" max_fails=1 fail_timeout=10s;");
        }

        script.ShouldContain(" max_fails=1 fail_timeout=10s;", Case.Sensitive, "the script's upstream lines fail over as the guide's");
    }

    /// <summary>The text between <c>location / {</c> and its closing brace (it holds no braces of its own).</summary>
    private static string Location(string config)
    {
        var start = config.IndexOf("location / {", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, "a location / block");
        var end = config.IndexOf('}', start);
        return config[(start + "location / {".Length)..end];
    }

    /// <summary>The lines that say something to nginx: no comments, no blank lines, spacing as written.</summary>
    private static IEnumerable<string> Directives(string text) =>
        text.Split('\n').Select(line => line.Trim()).Where(line => line.Length > 0 && !line.StartsWith('#'));

    private static string GuideBlock()
    {
        var match = NginxBlock().Match(File.ReadAllText(Path.Combine(Root, "docs", "deploy.md")));
        match.Success.ShouldBeTrue("docs/deploy.md has an nginx block");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("```nginx\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex NginxBlock();
}
