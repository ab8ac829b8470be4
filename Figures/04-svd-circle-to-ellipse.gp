# A = UΣVᵀ maps the unit circle to an ellipse
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 04-svd-circle-to-ellipse.gp
set terminal pngcairo size 760,700 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '04-svd-circle-to-ellipse.png'
set termoption noenhanced
set title 'A = UΣVᵀ maps the unit circle to an ellipse' font ',15'
set xlabel 'x₁'
set ylabel 'x₂'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key outside bottom center horizontal box lc rgb '#bbbbbb' opaque
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
set size ratio -1
plot '04-svd-circle-to-ellipse.dat' index 0 using 1:2 with lines lt 1 title 'unit circle', \
     '04-svd-circle-to-ellipse.dat' index 1 using 1:2 with lines lt 2 title 'its image A·x', \
     '04-svd-circle-to-ellipse.dat' index 2 using 1:2 with linespoints lt 3 dt 2 title 'v1 (input direction)', \
     '04-svd-circle-to-ellipse.dat' index 3 using 1:2 with linespoints lt 4 title 'σ1·u1 = A·v1', \
     '04-svd-circle-to-ellipse.dat' index 4 using 1:2 with linespoints lt 5 dt 2 title 'v2 (input direction)', \
     '04-svd-circle-to-ellipse.dat' index 5 using 1:2 with linespoints lt 6 title 'σ2·u2 = A·v2'
