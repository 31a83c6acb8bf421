using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Errors;

/// <summary>
/// The page a person sees for a missing page (404) or a fault of ours (500), in the site's layout with its header and
/// emergency banner. The status pages and the exception handler run it in place of the failed request, which may have
/// been a form post: it answers any method, and checks no antiforgery token since it changes nothing.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    [FromRoute]
    public int Status { get; set; }

    public string Key => Status switch
    {
        StatusCodes.Status404NotFound => "error_404",
        >= 500 => "error_500",
        _ => "error_other",
    };

    public IActionResult OnGet() => Show();

    public IActionResult OnPost() => Show();

    private PageResult Show()
    {
        // It may stand in for a page of someone's own (a visit that is not theirs): never kept by a browser or proxy.
        Response.Headers.CacheControl = "no-store";
        Response.Headers.Pragma = "no-cache";
        var reExecuted = HttpContext.Features.Get<IStatusCodeReExecuteFeature>() is not null
            || HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        if (!reExecuted)
        {
            // Opened directly (/error/500): not a page of its own, so "not found", whichever error it shows.
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }
}
