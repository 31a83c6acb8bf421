using BackCare.Data.Accounts;
using BackCare.Web.Check;
using BackCare.Web.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>
/// The second step of signing in: the code from the authenticator app or a recovery code, for the sign-in whose
/// password was right a moment ago (its ticket is in a cookie only this page receives). Only a right code starts a
/// session, marked as signed in with two steps. Without a live ticket the person starts again with their password.
/// </summary>
public sealed class SignInCodeModel(AccountService accounts, TwoStepTickets tickets, CheckSaver saver) : PageModel
{
    [BindProperty]
    public string? Code { get; set; }

    public FormErrors Errors { get; } = new();

    public IActionResult OnGet() => Ticket() is null ? StartAgain() : Page();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Ticket() is not { } ticket)
        {
            return StartAgain();
        }

        var text = AccountText.English;
        if (string.IsNullOrWhiteSpace(Code))
        {
            Errors.Add("code", text.CodeRequired);
            return Page();
        }

        var outcome = await accounts.SignInWithCodeAsync(ticket.AccountId, ticket.SecurityStamp, Code, AccountPages.ClientOf(HttpContext), cancellationToken);
        if (outcome.Error == SignInError.StartAgain)
        {
            return StartAgain();
        }

        if (outcome.Account is not { } account)
        {
            Errors.Add("code", text.SecondStepFailed(outcome.Error));
            return Page();
        }

        TwoStepTickets.DeleteCookie(HttpContext);
        await AccountPages.SignInWithCookieAsync(HttpContext, account, ticket.RememberMe, twoStep: true);
        var saved = ticket.CheckToken is null ? null : await saver.SaveAsync(account.Id, ticket.CheckToken, cancellationToken);
        return LocalRedirect(AccountPages.NextPage(Url, ticket.ReturnUrl, saved is null ? null : ticket.CheckToken));
    }

    private TwoStepTicket? Ticket() => tickets.Read(TwoStepTickets.CookieOf(HttpContext));

    private LocalRedirectResult StartAgain()
    {
        TwoStepTickets.DeleteCookie(HttpContext);
        return LocalRedirect(AccountLinks.SignInPath + "?changed=code");
    }
}
