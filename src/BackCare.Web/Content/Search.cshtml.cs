using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Content;

public sealed class SearchModel(ContentLibrary library) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<SearchHit> Hits { get; private set; } = [];

    public void OnGet()
    {
        Q = Q?.Trim();
        if (Q?.Length > 100)
        {
            Q = Q[..100];
        }

        Hits = library.Index.Find(Q);
    }
}
