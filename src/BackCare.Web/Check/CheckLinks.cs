namespace BackCare.Web.Check;

/// <summary>The addresses of the check's pages, each carrying the protected state.</summary>
public static class CheckLinks
{
    public const string Start = "/check";
    public const string Expired = "/check?expired=true";

    public static string Question(string key, string token, bool change = false) =>
        $"/check/question/{Uri.EscapeDataString(key)}?s={token}" + (change ? "&change=true" : "");

    public static string Answers(string token) => "/check/answers?s=" + token;

    public static string Result(string token) => "/check/result?s=" + token;

    public static string Plan(string token) => "/check/plan?s=" + token;

    /// <summary>The list of every source BackCare's advice names.</summary>
    public const string Sources = "/sources";

    /// <summary>One source's place in the list of sources.</summary>
    public static string Source(string key) => Sources + "#" + (key ?? "").ToLowerInvariant();

    /// <summary>Where the check goes after an answer: the next question, or the answers page, or straight to the result in an emergency.</summary>
    public static string After(CheckState state, string token)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.NextKey() is { } next)
        {
            return Question(next, token);
        }

        return state.IsEmergency ? Result(token) : Answers(token);
    }
}
