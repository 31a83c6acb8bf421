using AngleSharp.Dom;
using BackCare.Web.Tests.Accounts;

namespace BackCare.Web.Tests.Booking;

/// <summary>Checks that reach each disposition, answered page by page as a person would, and what the booking pages show.</summary>
internal static class BookingPages
{
    /// <summary>A fever with back pain: see a doctor today.</summary>
    public static readonly Dictionary<string, string> Urgent = new()
    {
        ["age"] = "38",
        ["sex"] = "unsaid",
        ["body_warning_signs"] = "fever",
        ["trigger"] = "none",
        ["course"] = "unchanged",
        ["pain_region"] = "lower",
        ["onset_days"] = "4",
        ["pain_score"] = "4",
        ["previous_episodes"] = "4",
        ["self_care_days"] = "4",
    };

    /// <summary>A sofa lifted yesterday, no red flags: home care.</summary>
    public static readonly Dictionary<string, string> SelfCare = new()
    {
        ["age"] = "34",
        ["sex"] = "male",
        ["trigger"] = "lifting",
        ["onset_days"] = "1",
        ["course"] = "unchanged",
        ["pain_score"] = "7",
        ["pain_region"] = "lower",
        ["previous_episodes"] = "0",
        ["self_care_days"] = "1",
    };

    /// <summary>The same spasm, but pain 9 of 10: an appointment within two weeks (with a doctor).</summary>
    public static readonly Dictionary<string, string> Routine = new(SelfCare) { ["pain_score"] = "9" };

    /// <summary>Ten days of home care without progress: the step up to a physical therapist or doctor (ACP-2017).</summary>
    public static readonly Dictionary<string, string> RoutineStepUp = new(SelfCare) { ["onset_days"] = "10", ["self_care_days"] = "10" };

    /// <summary>Answers the check page by page ("no" to anything not listed) and opens the result.</summary>
    public static async Task FinishCheck(Browser browser, Dictionary<string, string> answers)
    {
        await browser.Open("/check/question/age");
        for (var pages = 0; browser.Address.StartsWith("/check/question/", StringComparison.Ordinal); pages++)
        {
            pages.ShouldBeLessThan(25);
            var key = browser.Address["/check/question/".Length..].Split('?')[0];
            var answer = answers.GetValueOrDefault(key, "no");
            var isGroup = browser.Document.QuerySelector("form.question input[name=tick]") is not null;
            Dictionary<string, string> fields = !isGroup ? new() { ["answer"] = answer }
                : answer == "no" ? new() { ["none"] = "true" }
                : new() { ["tick"] = answer };
            await browser.Submit(fields, "form.question");
        }

        browser.Address.ShouldStartWith("/check/answers");
        await browser.FollowLink("See my advice");
        browser.Address.ShouldStartWith("/check/result");
    }

    /// <summary>The "Book a visit" section of the result page, or null.</summary>
    public static IElement? Offer(Browser browser) => browser.Document.QuerySelector("section.book-visit");

    /// <summary>The offer's lists: each heading with the times under it (as their link texts) and their addresses.</summary>
    public static List<(string Heading, List<(string Text, string Href)> Slots)> Groups(IElement section) =>
        [.. section.QuerySelectorAll("h2, h3").Where(h => h.Id?.StartsWith("times-", StringComparison.Ordinal) == true).Select(h =>
        {
            var list = h.NextElementSibling?.LocalName == "ul" ? h.NextElementSibling : null;
            var slots = list?.QuerySelectorAll("a").Select(a => (Text: Squash(a.TextContent), Href: a.GetAttribute("href")!)).ToList() ?? [];
            return (Squash(h.TextContent), slots);
        })];

    public static string Squash(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
