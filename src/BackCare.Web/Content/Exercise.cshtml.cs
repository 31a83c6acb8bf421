using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BackCare.Web.Content;

public sealed class ExerciseModel(ContentLibrary library) : PageModel
{
    public ContentItem Item { get; private set; } = null!;

    public bool HasIllustration { get; private set; }

    public string IllustrationText { get; private set; } = "";

    public IActionResult OnGet(string slug)
    {
        if (library.Exercise(slug) is not { } item)
        {
            return NotFound();
        }

        Item = item;
        HasIllustration = library.IllustrationPath(item) is not null;
        IllustrationText = library.IllustrationDescription(item) ?? "Drawing of the exercise " + item.Title;
        return Page();
    }
}
