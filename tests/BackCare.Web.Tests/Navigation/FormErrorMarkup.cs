using AngleSharp.Dom;

namespace BackCare.Web.Tests.Navigation;

/// <summary>
/// The one way every form shows a problem: a summary at the top (an alert with its heading, each problem a link to its
/// input) and the same words beside the field, in a paragraph its input or group names in aria-describedby.
/// </summary>
internal static class FormErrorMarkup
{
    public static void ShouldShowTheProblemTheSitesWay(this IDocument page, string field, string target)
    {
        page.Title!.ShouldStartWith("Error: ");
        var summary = page.QuerySelector(".error-summary").ShouldNotBeNull("the form has an error summary");
        summary.GetAttribute("role").ShouldBe("alert");
        summary.GetAttribute("aria-labelledby").ShouldBe("error-summary-title");
        summary.QuerySelector("h2#error-summary-title").ShouldNotBeNull().TextContent.ShouldBe("There is a problem");
        var link = summary.QuerySelector($"ul > li > a[href='#{target}']").ShouldNotBeNull($"the summary links to #{target}");
        page.GetElementById(target).ShouldNotBeNull($"#{target} is on the page");

        var beside = page.GetElementById(field + "-error").ShouldNotBeNull($"the problem is said beside {field}");
        beside.LocalName.ShouldBe("p");
        beside.ClassList.ShouldContain("error-message");
        beside.QuerySelector("span.visually-hidden").ShouldNotBeNull().TextContent.ShouldBe("Error:");
        beside.TextContent.ShouldEndWith(link.TextContent);
        page.QuerySelectorAll("[aria-describedby]").ShouldContain(e => e.GetAttribute("aria-describedby")!.Split(' ', StringSplitOptions.None).Contains(field + "-error"));
    }
}
