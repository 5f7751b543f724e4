namespace ConvSharp;

/// <summary>One algorithm as the planner saw it for one problem.</summary>
/// <param name="Algorithm">The algorithm.</param>
/// <param name="Supported">Whether it computes the problem within the workspace cap.</param>
/// <param name="Reason">How it computes the problem, or why it does not.</param>
/// <param name="Workspace">The scratch it declared for the problem.</param>
/// <param name="ConsideredByAuto">Whether Auto tries it for this problem: a supported algorithm that the measured rules say cannot beat the next ones here (Separable on a 3×3) is skipped before any kernel is prepared.</param>
public sealed record Conv2DCandidate(Conv2DAlgorithm Algorithm, bool Supported, string Reason, WorkspaceRequirement Workspace, bool ConsideredByAuto);
