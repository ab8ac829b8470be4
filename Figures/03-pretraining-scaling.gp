# Validation loss against training compute, 2-layer GPTs of 6 widths
# Written by Tailor. To redraw or restyle: cd Figures && gnuplot 03-pretraining-scaling.gp
set terminal pngcairo size 960,600 enhanced font 'DejaVu Sans,13' linewidth 1.5
set output '03-pretraining-scaling.png'
set termoption noenhanced
set title 'Validation loss against training compute, 2-layer GPTs of 6 widths' font ',15'
set xlabel 'compute C ≈ 6·N·D (FLOPs, log scale)'
set ylabel 'validation loss (nats, log scale)'
set border 3 lc rgb '#555555'
set tics nomirror out
set grid lc rgb '#dddddd' lt 1
set key bottom left box lc rgb '#bbbbbb' opaque
set logscale x
set autoscale xfix
set format x '%.0s%c'
set mxtics 10
set logscale y
set autoscale yfix
set format y '%g'
set mytics 10
set xtics (3000000000, 10000000000, 30000000000, 100000000000, 300000000000)
set ytics (1, 2, 3, 5)
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
plot '03-pretraining-scaling.dat' index 0 using 1:2 with linespoints lt 1 title 'width 16', \
     '03-pretraining-scaling.dat' index 1 using 1:2 with linespoints lt 2 title 'width 32', \
     '03-pretraining-scaling.dat' index 2 using 1:2 with linespoints lt 3 title 'width 48', \
     '03-pretraining-scaling.dat' index 3 using 1:2 with linespoints lt 4 title 'width 64', \
     '03-pretraining-scaling.dat' index 4 using 1:2 with linespoints lt 5 title 'width 96', \
     '03-pretraining-scaling.dat' index 5 using 1:2 with linespoints lt 6 title 'width 128', \
     '03-pretraining-scaling.dat' index 6 using 1:2 with lines lt 7 dt 2 title 'frontier fit: L = 2.21e+03·C^−0.282'
