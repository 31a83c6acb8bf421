using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Risk;

[Authorize]
public sealed class RiskStartModel : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Expired { get; set; }

    public void OnGet()
    {
    }
}
