using BackCare.Clinical.Findings;

namespace BackCare.Clinical.Language;

/// <summary>
/// What the case itself says of the patient, beside the words: their age and sex. A message that names several
/// people ("Me, 45 ... my lad, 17") is about the one whose age and sex these are.
/// </summary>
public readonly record struct NarrativePatient(int? Age, Sex? Sex);
