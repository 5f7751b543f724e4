using System;

namespace ConvSharp.Cli.IO;

/// <summary>
/// The notebook's <c>plt.imshow</c> look: perceptual colormaps as 6th-order polynomial fits of matplotlib's viridis and
/// magma (max error about 1/255 per channel), plus gray.
/// </summary>
public static class Colormap
{
    private static readonly double[][] Viridis =
    [
        [0.2777273272234177, 0.005407344544966578, 0.3340998053353061],
        [0.1050930431085774, 1.404613529898575, 1.384590162594685],
        [-0.3308618287255563, 0.214847559468213, 0.09509516302823659],
        [-4.634230498983486, -5.799100973351585, -19.33244095627987],
        [6.228269936347081, 14.17993336680509, 56.69055260068105],
        [4.776384997670288, -13.74514537774601, -65.35303263337234],
        [-5.435455855934631, 4.645852612178535, 26.3124352495832],
    ];

    private static readonly double[][] Magma =
    [
        [-0.002136485053939582, -0.000749655052795221, -0.005386127855323933],
        [0.2516605407371642, 0.6775232436837668, 2.494026599312351],
        [8.353717279216625, -3.577719514958484, 0.3144679030132573],
        [-27.66873308576866, 14.26473078096533, -13.64921318813922],
        [52.17613981234068, -27.94360607168351, 12.94416944238394],
        [-50.76852536473588, 29.04658282127291, 4.23415299384598],
        [18.65570506591883, -11.48977351997711, -5.601961508734096],
    ];

    /// <summary>The colour for <paramref name="t"/> in [0, 1] as 8-bit RGB.</summary>
    public static (byte R, byte G, byte B) Map(string name, double t)
    {
        t = double.IsNaN(t) ? 0 : Math.Clamp(t, 0, 1);
        if (name == "gray")
        {
            byte v = ToByte(t);
            return (v, v, v);
        }

        var c = name == "magma" ? Magma : Viridis;
        double r = 0, g = 0, b = 0;
        for (int k = c.Length - 1; k >= 0; k--)
        {
            r = (r * t) + c[k][0];
            g = (g * t) + c[k][1];
            b = (b * t) + c[k][2];
        }

        return (ToByte(r), ToByte(g), ToByte(b));
    }

    private static byte ToByte(double v) => (byte)Math.Round(Math.Clamp(v, 0, 1) * 255);
}
