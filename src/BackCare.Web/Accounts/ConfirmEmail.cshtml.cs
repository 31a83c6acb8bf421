using BackCare.Data.Accounts;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Accounts;

/// <summary>The page the confirmation link opens: says whether the address is now confirmed.</summary>
public sealed class ConfirmEmailModel(AccountPasswords passwords) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid? id, string? token, CancellationToken cancellationToken) =>
        Confirmed = await passwords.ConfirmEmailAsync(id, token, cancellationToken);
}
