using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>Sign out. Only a POST (with its antiforgery token) signs out, so a link on another site cannot.</summary>
public sealed class SignOutModel(AccountSessions sessions) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await AccountPages.SignOutAsync(HttpContext, sessions);
        return LocalRedirect("/?signed-out=true");
    }
}
