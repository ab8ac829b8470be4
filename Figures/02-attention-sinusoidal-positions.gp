# Four dimensions of the sinusoidal encoding
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 02-attention-sinusoidal-positions.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '02-attention-sinusoidal-positions.png'
set termoption noenhanced
set title 'Four dimensions of the sinusoidal encoding' font ',15'
set xlabel 'position p'
set ylabel 'PE(p, dimension)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top center horizontal box lc rgb '#bbbbbb' opaque
set xrange [0:63]
set yrange [-1.2:1.6]
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
plot '02-attention-sinusoidal-positions.dat' index 0 using 1:2 with lines lt 1 title 'dim 0 (wavelength 6)', \
     '02-attention-sinusoidal-positions.dat' index 1 using 1:2 with lines lt 2 title 'dim 8 (wavelength 20)', \
     '02-attention-sinusoidal-positions.dat' index 2 using 1:2 with lines lt 3 title 'dim 16 (wavelength 63)', \
     '02-attention-sinusoidal-positions.dat' index 3 using 1:2 with lines lt 4 title 'dim 32 (wavelength 628)'
