using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BackCare.Browser.Tests;

/// <summary>
/// A Lighthouse test. It is skipped, with a message saying why, only when Chromium or tools/lighthouse's packages are
/// missing and BACKCARE_REQUIRE_CHROMIUM is not 1; with it, a missing one makes the test fail.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class LighthouseFactAttribute : FactAttribute
{
    public LighthouseFactAttribute()
    {
        if (Chromium.IsRequired)
        {
            return;
        }

        if (!Chromium.IsInstalled)
        {
            Skip = $"Chromium is not installed at {Chromium.ExecutablePath} (apt-get install -y chromium, or set BACKCARE_CHROMIUM). " +
                "Set BACKCARE_REQUIRE_CHROMIUM=1 to make this a failure.";
        }
        else if (!Lighthouse.IsInstalled)
        {
            Skip = "Lighthouse is not installed: run npm ci --prefix tools/lighthouse. Set BACKCARE_REQUIRE_CHROMIUM=1 to make this a failure.";
        }
    }
}

/// <summary>
/// Lighthouse on the pages a person in pain meets first, as a phone on a slow network: the home page, a question of the
/// check, a home-care result, and, signed in, Today and the diary. Accessibility must be 100, performance and best
/// practices at least 95.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LighthouseTests(BrowserHost host, ITestOutputHelper output)
{
    private const int Accessibility = 100;
    private const int PerformanceAndBestPractices = 95;

    /// <summary>
    /// Performance is timed on a machine other work shares, and now and then Lighthouse cannot record a trace (NO_NAVSTART),
    /// so a page that misses is audited again, up to this many runs in all; it passes when one run reaches every
    /// threshold. A page that is truly slow, or inaccessible, misses in every run. See docs/performance.md for the spread.
    /// </summary>
    private const int MaxRuns = 5;

    /// <summary>
    /// How long the test waits in all, before its audits, for the other test projects of the run to let the machine go
    /// quiet (see <see cref="QuietMachine"/>); on a machine that stays busy longer, the audits run anyway and may miss.
    /// </summary>
    private static readonly TimeSpan LongestWaitForQuiet = TimeSpan.FromMinutes(10);

    private const string Password = "a long enough password";

    [LighthouseFact]
    public async Task Given_the_patient_pages_on_a_phone_When_Lighthouse_audits_them_Then_accessibility_is_100_and_performance_and_best_practices_are_at_least_95()
    {
        Chromium.IsInstalled.ShouldBeTrue($"BACKCARE_REQUIRE_CHROMIUM=1 but there is no Chromium at {Chromium.ExecutablePath}.");
        Lighthouse.IsInstalled.ShouldBeTrue(
            $"BACKCARE_REQUIRE_CHROMIUM=1 but Lighthouse is not installed in {Lighthouse.ToolFolder ?? "tools/lighthouse"}: run npm ci --prefix tools/lighthouse.");

        var pages = new List<(string Name, Uri Address, bool SignedIn)> { ("home", new Uri(host.BaseAddress, "/"), false) };
        var page = await host.NewPhonePage();
        await page.GotoAsync("/check/question/age");
        await page.Answer("34");
        await page.Answer("male");
        new Uri(page.Url).AbsolutePath.ShouldBe("/check/question/nerve_warning_signs");
        pages.Add(("question-warning-signs", new Uri(page.Url), false));

        await AnswerTheRest(page);
        await page.FollowLink("See my advice");
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("You can care for this at home");
        pages.Add(("result-home-care", new Uri(page.Url), false));

        await page.FollowLink("Save");
        await SignUpAndInAsync(page, $"lee-{Guid.NewGuid():N}@example.org");
        (await page.Locator("main .notice.saved").InnerTextAsync()).ShouldBe("This result is saved in your account.");
        await page.ShouldBeAccessible("75-result-saved-390", output);

        await page.GotoAsync("/today");
        (await page.Locator("main h1").InnerTextAsync()).ShouldBe("Today");
        (await page.Locator("main").InnerTextAsync()).ShouldNotContain("Your plan starts from your first check", Case.Sensitive, "the saved check gives Today a plan");
        await page.ShouldBeAccessible("76-today-with-a-plan-390", output);
        pages.Add(("today", new Uri(host.BaseAddress, "/today"), true));

        await page.GotoAsync("/diary/new");
        new Uri(page.Url).AbsolutePath.ShouldBe("/diary/new", "the diary opens signed in, not the sign-in page");
        pages.Add(("diary", new Uri(host.BaseAddress, "/diary/new"), true));
        var cookie = string.Join("; ", (await page.Context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

        var misses = new List<string>();
        var waiting = new System.Diagnostics.Stopwatch();
        foreach (var (name, address, signedIn) in pages)
        {
            var headers = signedIn ? new Dictionary<string, string> { ["Cookie"] = cookie } : [];
            var runs = new List<LighthouseReport>();
            do
            {
                waiting.Start();
                var quiet = await QuietMachine.WaitAsync(LongestWaitForQuiet - waiting.Elapsed);
                waiting.Stop();
                var report = await Lighthouse.AuditAsync(address, $"{name}-{runs.Count + 1}", headers);
                report.FinalUrl.AbsolutePath.ShouldBe(address.AbsolutePath, $"Lighthouse audits {name} itself, not a page it was sent on to");
                runs.Add(report);
                output.WriteLine($"{name} run {runs.Count}, machine {quiet}: {report}");
                foreach (var warning in report.Warnings)
                {
                    output.WriteLine($"  warning: {warning}");
                }
            }
            while (!Meets(runs[^1]) && runs.Count < MaxRuns);

            if (!Meets(runs[^1]))
            {
                misses.Add($"{name} ({address.AbsolutePath}) in {runs.Count} runs:\n" + string.Join("\n", runs.Select((r, i) =>
                    $"  run {i + 1}: {r}\n" + string.Join("\n", r.Failing.Select(f => "    " + f)))));
            }
        }

        output.WriteLine($"reports: {Lighthouse.ReportFolder}");
        misses.ShouldBeEmpty(
            $"Lighthouse wants accessibility {Accessibility} and performance and best practices {PerformanceAndBestPractices} or more:\n" +
            string.Join("\n", misses));
    }

    private static bool Meets(LighthouseReport report) =>
        report.Scores.GetValueOrDefault("accessibility") >= Accessibility
        && report.Scores.GetValueOrDefault("performance") >= PerformanceAndBestPractices
        && report.Scores.GetValueOrDefault("best-practices") >= PerformanceAndBestPractices;

    private static async Task AnswerTheRest(IPage page)
    {
        var asked = 0;
        while (new Uri(page.Url).AbsolutePath.StartsWith("/check/question/", StringComparison.Ordinal))
        {
            await page.Answer(new Uri(page.Url).AbsolutePath["/check/question/".Length..] switch
            {
                "trigger" => "lifting",
                "course" => "unchanged",
                "pain_region" => "lower",
                "onset_days" or "previous_episodes" or "self_care_days" => "1",
                "pain_score" => "7",
                _ => "no",
            });
            (++asked).ShouldBeLessThan(20);
        }
    }

    /// <summary>From the sign-up page the Save link opened: makes the account, then signs in through the link that carries the check.</summary>
    private static async Task SignUpAndInAsync(IPage page, string email)
    {
        new Uri(page.Url).AbsolutePath.ShouldBe("/account/sign-up");
        await page.FillAsync("#displayName", "Lee");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.Locator("main form button[type=submit]").ClickAsync();
        (await page.Locator("h1").InnerTextAsync()).ShouldBe("Check your email");
        await page.Locator("main a.button").ClickAsync();
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await page.WaitForURLAsync("**/check/result**");
    }
}
