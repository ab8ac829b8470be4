# Sinusoidal position encodings (64 positions × 64 dimensions)
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-sinusoidal-positions.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-sinusoidal-positions.png'
set termoption noenhanced
set title "Sinusoidal position encodings (64 positions × 64 dimensions)" font ',15'
set xlabel "dimension"
set ylabel "position"
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
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
set key off
set grid noxtics noytics
set xrange [-0.5:63.5]
set yrange [63.5:-0.5]
set tics scale 0
set palette defined (0 '#2166ac', 0.5 '#f7f7f7', 1 '#b2182b')
set cbrange [-1:1]
set xtics 8
set ytics 8
plot '02-attention-sinusoidal-positions.dat' matrix with image notitle
