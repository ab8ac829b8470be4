# Validation loss with every block matrix cut to rank k
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 04-svd-rank-vs-loss.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '04-svd-rank-vs-loss.png'
set termoption noenhanced
set title 'Validation loss with every block matrix cut to rank k' font ',15'
set xlabel 'rank k (log scale)'
set ylabel 'validation loss (nats)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key top right box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set xtics (1, 3, 10, 30, 100)
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
plot '04-svd-rank-vs-loss.dat' index 0 using 1:2 with linespoints lt 1 title 'rank-k model', \
     '04-svd-rank-vs-loss.dat' index 1 using 1:2 with lines lt 2 dt 2 title 'full model', \
     '04-svd-rank-vs-loss.dat' index 2 using 1:2 with lines lt 3 dt 2 title 'uniform guess, ln V'
