using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Content;

public sealed class LearnPageModel(ContentLibrary library) : PageModel
{
    public ContentItem Item { get; private set; } = null!;

    public IActionResult OnGet(string slug)
    {
        if (library.Page(slug) is not { } item)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }
}
