# Singular values, normalised by the largest
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 04-svd-spectra.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '04-svd-spectra.png'
set termoption noenhanced
set title 'Singular values, normalised by the largest' font ',15'
set xlabel 'index i'
set ylabel 'σᵢ / σ₁ (log scale)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set linetype 1 lc rgb '#1f77b4' lw 2 pt 7 ps 1.1
set linetype 2 lc rgb '#d62728' lw 2 pt 7 ps 1.1
set linetype 3 lc rgb '#2ca02c' lw 2 pt 7 ps 1.1
set linetype 4 lc rgb '#ff7f0e' lw 2 pt 7 ps 1.1
set linetype 5 lc rgb '#9467bd' lw 2 pt 7 ps 1.1
set linetype 6 lc rgb '#8c564b' lw 2 pt 7 ps 1.1
set linetype 7 lc rgb '#e377c2' lw 2 pt 7 ps 1.1
set linetype 8 lc rgb '#17becf' lw 2 pt 7 ps 1.1
set linetype 9 lc rgb '#7f7f7f' lw 2 pt 7 ps 1.1
set linetype 10 lc rgb '#bcbd22' lw 2 pt 7 ps 1.1
plot '04-svd-spectra.dat' index 0 using 1:2 with lines lt 1 title 'blocks.0.attention.query', \
     '04-svd-spectra.dat' index 1 using 1:2 with lines lt 2 dt 2 title 'random 128×128', \
     '04-svd-spectra.dat' index 2 using 1:2 with lines lt 3 title 'blocks.3.attention.value', \
     '04-svd-spectra.dat' index 3 using 1:2 with lines lt 4 title 'blocks.0.mlp.up', \
     '04-svd-spectra.dat' index 4 using 1:2 with lines lt 5 dt 2 title 'random 512×128'
